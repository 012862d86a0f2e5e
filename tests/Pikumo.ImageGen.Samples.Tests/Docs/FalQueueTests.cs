#region fal-queue
using System.Net;
using System.Text;
using System.Text.Json;
using Pikumo.ImageGen.Testing;
using Xunit;

namespace MyApp.Tests;

public sealed class FalQueueTests
{
    [Fact]
    public async Task MyOwnFalCode_SubmitsPollsAndFetches()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        byte[] photo = ImageGenModelFactory.Png(64, 64);
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var http = simulator.CreateHttpClient(); // base address https://simulator.pikumo.test/
        http.DefaultRequestHeaders.Add("Authorization", "Key " + simulator.Options.FalApiKey);
        var input = JsonSerializer.Serialize(new
        {
            prompt = "the subject at a cafe",
            image_urls = new[] { "data:image/png;base64," + Convert.ToBase64String(photo) },
            image_size = new { width = 1536, height = 1024 },
            quality = "low",
        });

        using var submitted = await http.PostAsync("fal/queue/openai/gpt-image-2/edit", new StringContent(input, Encoding.UTF8, "application/json"), cancellationToken);
        using var submit = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync(cancellationToken));
        var statusUrl = submit.RootElement.GetProperty("status_url").GetString(); // …/openai/gpt-image-2/requests/{id}/status
        var responseUrl = submit.RootElement.GetProperty("response_url").GetString();

        using var status = await http.GetAsync(statusUrl, cancellationToken);     // 202 IN_QUEUE / IN_PROGRESS, then 200 COMPLETED
        using var output = JsonDocument.Parse(await http.GetStringAsync(responseUrl, cancellationToken));
        var imageUrl = output.RootElement.GetProperty("images")[0].GetProperty("url").GetString(); // on the simulator's own file route
        var png = await http.GetByteArrayAsync(imageUrl, cancellationToken);

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(0x89, png[0]);
    }
}
#endregion
