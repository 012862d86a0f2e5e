using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Pikumo.ImageGen.Diagnostics;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Internal;

/// <summary>
/// A hostile or careless provider echoes the key in every text field of every error shape it has (OpenAI's 401 quotes
/// the key it was sent). Nothing the library keeps or prints may carry it: exception message, <c>ToString()</c>,
/// <see cref="ImageGenProviderException.Details"/>, logs, traces and metrics.
/// </summary>
[Collection(nameof(Pikumo.ImageGen.Tests.Transports.OpenAI.MeasuredAllocations))]
public sealed class KeyEchoTests
{
    private const string AzureKey = "azure-echo-key-0123456789abcdef0123";
    private const string FalId = "fal-echo-id";
    private const string FalSecret = "fal-echo-secret-0123456789abcdef";

    public static TheoryData<string, int, string> Shapes()
    {
        var data = new TheoryData<string, int, string>();
        string[] openAi =
        [
            """{"error":{"message":"Incorrect API key provided: K. You can find your API key at https://platform.openai.com.","type":"K","param":"K","code":"K"}}""",
            """{"error":{"message":"K","type":"image_generation_user_error","param":null,"code":"moderation_blocked","moderation_details":{"moderation_stage":"K","categories":["K","sexual"]}}}""",
            """{"error":{"message":"K safety_violations=[K, violence].","type":"K","code":"moderation_blocked"}}""",
            """{"message":"K","code":"K","error_type":"K","request_id":"K"}""",
            "<html><body><h1>502 Bad Gateway K</h1></body></html>",
            "plain text K",
            "\"K\"",
        ];
        string[] azure =
        [
            """{"error":{"code":"K","message":"K","param":"K","type":"K","inner_error":{"code":"K","content_filter_results":{"K":{"filtered":true,"severity":"K"}}}}}""",
            """{"error":{"code":"400","message":"K","innererror":{"code":"K","content_filter_result":{"violence":{"filtered":true}}}}}""",
        ];
        string[] fal =
        [
            """{"detail":[{"loc":["body","K"],"msg":"K","type":"K"}],"error_type":"K","request_id":"K"}""",
            """{"detail":"K","error_type":"K"}""",
            """{"detail":[{"loc":["body","prompt"],"msg":"K","type":"content_policy_violation"},{"loc":["K"],"msg":"K","type":"K"}]}""",
        ];
        foreach (var provider in new[] { "openai", "azure-v1", "azure-deployment", "fal" })
        {
            foreach (var status in new[] { 400, 401, 403, 404, 422, 429, 500, 502 })
            {
                foreach (var body in openAi.Concat(provider.StartsWith("azure", StringComparison.Ordinal) ? azure : provider == "fal" ? fal : []))
                {
                    data.Add(provider, status, body);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ErrorAnswer_EchoingTheKeyInEveryField_LeaksItNowhere(string provider, int status, string shape)
    {
        var secrets = provider switch
        {
            "openai" => new[] { Clients.ApiKey },
            "fal" => [FalId + ":" + FalSecret, FalSecret],
            _ => [AzureKey],
        };
        var echoed = provider == "fal" ? FalSecret : secrets[0];
        var body = shape.Replace("K", echoed, StringComparison.Ordinal);
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            c.Response.Headers["x-fal-error-type"] = echoed;
            c.Response.Headers["x-request-id"] = echoed;
            c.Response.Headers["apim-request-id"] = echoed;
            c.Response.Headers["x-fal-request-id"] = echoed;
            await OpenAIResponses.WriteAsync(c, body, status, body.StartsWith('<') ? "text/html" : body.StartsWith('{') ? "application/json" : "text/plain", requestId: echoed);
        });

        var texts = new List<string>();
        var logs = new CapturingLoggerProvider();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ImageGenTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (texts) { texts.Add($"{a.DisplayName} {a.StatusDescription} {string.Join(";", a.TagObjects.Select(t => $"{t.Key}={t.Value}"))} {string.Join(";", a.Events.Select(e => e.Name + string.Join(",", e.Tags.Select(t => t.Value))))}"); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ImageGenTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((_, _, tags, _) => { lock (texts) { texts.Add(string.Join(";", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))); } });
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) => { lock (texts) { texts.Add(string.Join(";", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))); } });
        meters.Start();

        using var client = Client(provider, server.Address, logs);
        var error = await Assert.ThrowsAnyAsync<ImageGenException>(() =>
            client.EditAsync(new ImageEditRequest("a prompt", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        texts.Add(error.Message);
        texts.Add(error.ToString());
        texts.Add(error.RequestId ?? string.Empty);
        if (error is ImageGenProviderException providerError)
        {
            texts.Add(providerError.Details.ToString());
            texts.Add(string.Join("|", providerError.Details.FieldErrors));
            texts.Add(string.Join("|", providerError.Details.Categories));
            texts.Add($"{providerError.ErrorCode} {providerError.ErrorType} {providerError.Parameter}");
        }

        texts.AddRange(logs.Lines);
        Assert.NotEmpty(logs.Lines);
        lock (texts)
        {
            foreach (var text in texts)
            {
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
                }
            }
        }
    }

    private static ImageGenClient Client(string provider, Uri server, CapturingLoggerProvider logs)
    {
        var options = new ImageGenOptions { UseEnvironmentVariables = false };
        options.Resilience.MaxRetryAttempts = 0;
        switch (provider)
        {
            case "openai":
                options.OpenAI.ApiKey = Clients.ApiKey;
                options.OpenAI.BaseAddress = new Uri(server, "v1/");
                break;
            case "fal":
                options.Provider = ImageProvider.Fal;
                options.Fal.ApiKey = FalId + ":" + FalSecret;
                options.Fal.QueueBaseAddress = server;
                options.Fal.SyncBaseAddress = new Uri(server, "sync/");
                options.Fal.RestBaseAddress = new Uri(server, "rest/");
                options.Fal.TrustedDownloadHosts.Add(server.Authority);
                break;
            default:
                options.Provider = ImageProvider.AzureOpenAI;
                options.Azure.Endpoint = server;
                options.Azure.ApiKey = AzureKey;
                options.Azure.Deployment = "image-deployment";
                options.ModelAliases["image-deployment"] = "gpt-image-2";
                if (provider == "azure-deployment")
                {
                    options.Azure.Route = Pikumo.ImageGen.Transports.Azure.AzureOpenAIRoute.Deployment;
                }

                break;
        }

        return new ImageGenClient(options, loggerFactory: logs);
    }
}
