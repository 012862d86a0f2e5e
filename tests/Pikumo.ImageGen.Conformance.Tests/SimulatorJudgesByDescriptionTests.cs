using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Pikumo.ImageGen.Conformance.Tests.Infrastructure;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Conformance.Tests;

/// <summary>
/// The simulator refuses what the descriptions refuse and accepts what they accept, at the limits read from the
/// vendored schemas themselves, whatever the catalog it was given says.
/// </summary>
public sealed class SimulatorJudgesByDescriptionTests
{
    private static readonly OpenApiSchemas Schemas = OpenApiSchemas.OpenAI;

    [Theory]
    [InlineData("CreateImageRequest")]
    [InlineData("CreateImageEditRequest")]
    public async Task CountsAtTheDescribedLimitsAreJudgedByTheDescription(string component)
    {
        var n = Schemas.Component(component)["properties"]!["n"]!;
        var max = n["maximum"]!.GetValue<int>();
        var min = n["minimum"]!.GetValue<int>();

        // A catalog that is wrong in both directions does not move the simulator.
        var wrong = ImageModelCatalog.Default.With(new ImageModelCapabilities { Model = "gpt-image-1", MaxCount = 2, MaxPartialImages = 9 });
        Assert.Equal(HttpStatusCode.OK, await PostAsync(component, new() { ["n"] = max }, wrong));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(component, new() { ["n"] = min }, wrong));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(component, new() { ["n"] = max + 1 }, wrong));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(component, new() { ["n"] = min - 1 }, wrong));
    }

    [Theory]
    [InlineData("CreateImageRequest")]
    [InlineData("CreateImageEditRequest")]
    public async Task PartialImagesAtTheDescribedLimitsAreJudgedByTheDescription(string component)
    {
        var partials = Schemas.Component("PartialImages")["anyOf"]![0]!;
        var max = partials["maximum"]!.GetValue<int>();
        var wrong = ImageModelCatalog.Default.With(new ImageModelCapabilities { Model = "gpt-image-1", MaxPartialImages = 9 });
        Assert.Equal(HttpStatusCode.OK, await PostAsync(component, new() { ["stream"] = true, ["partial_images"] = max }, wrong));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(component, new() { ["stream"] = true, ["partial_images"] = max + 1 }, wrong));
    }

    [Theory]
    [InlineData("CreateImageRequest")]
    [InlineData("CreateImageEditRequest")]
    public async Task FieldsAreThoseOfTheDescription(string component)
    {
        // Every described field the simulator knows how to judge is at least not refused as unknown…
        foreach (var field in new[] { "quality", "output_format", "background", "user" }.Intersect(Schemas.Properties(component)))
        {
            var value = field switch { "quality" => "high", "output_format" => "png", "background" => "opaque", _ => "someone" };
            Assert.Equal(HttpStatusCode.OK, await PostAsync(component, new() { [field] = value }));
        }

        // …and a field the description does not list for this operation is refused.
        var foreign = component == "CreateImageRequest" ? "input_fidelity" : "moderation";
        Assert.DoesNotContain(foreign, Schemas.Properties(component));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(component, new() { [foreign] = "low" }));
    }

    /// <summary>Posts a minimal valid request for gpt-image-1 plus <paramref name="fields"/> straight to the simulator's handler.</summary>
    private static async Task<HttpStatusCode> PostAsync(string component, Dictionary<string, JsonNode?> fields, ImageModelCatalog? catalog = null)
    {
        var options = new SimulatorOptions { LatencyScale = 0 };
        options.Models = catalog ?? options.Models;
        var simulator = new ImageGenSimulator(options);
        using var http = simulator.CreateHttpClient();
        var edit = component == "CreateImageEditRequest";
        fields["model"] = "gpt-image-1";
        fields["prompt"] = "a cube";
        HttpContent content;
        if (edit)
        {
            var form = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                form.Add(new StringContent(value!.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()), name);
            }

            var image = new ByteArrayContent(Wire.Png);
            image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(image, "image[]", "a.png");
            content = form;
        }
        else
        {
            content = new StringContent(new JsonObject([.. fields]).ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, edit ? "v1/images/edits" : "v1/images/generations") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", simulator.Options.OpenAIApiKey);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
