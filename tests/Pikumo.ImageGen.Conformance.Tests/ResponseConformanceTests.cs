using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pikumo.ImageGen.Conformance.Tests.Infrastructure;

namespace Pikumo.ImageGen.Conformance.Tests;

/// <summary>
/// Every answer shape OpenAI's description allows, generated from its schemas (each optional field present and absent,
/// each enum value, every stream event type, every error shape), checked against the schema, and read by the client
/// without loss.
/// </summary>
public sealed class ResponseConformanceTests
{
    private static readonly string PngBase64 = Convert.ToBase64String(Wire.Png);

    /// <summary>ImagesResponse: all fields, then each optional field left out in turn, enums cycled.</summary>
    public static TheoryData<string, int> ImagesResponses()
    {
        var schemas = OpenApiSchemas.OpenAI;
        var component = schemas.Component("ImagesResponse");
        var optional = schemas.Properties("ImagesResponse").Except(component["required"]!.AsArray().Select(r => r!.GetValue<string>())).ToList();
        var data = new TheoryData<string, int>();
        for (var variant = 0; variant <= optional.Count; variant++)
        {
            data.Add(variant == 0 ? "(all)" : optional[variant - 1], variant);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ImagesResponses))]
    public async Task ImagesResponseIsReadWithoutLoss(string omitted, int variant)
    {
        var body = Generate("ImagesResponse", variant, omitted);
        Assert.Empty(OpenApiSchemas.OpenAI.Validate("ImagesResponse", body));
        using var wire = Wire.Start(ImageProvider.OpenAI, canned: _ => WireCapture.Json(HttpStatusCode.OK, body.ToJsonString(), ("x-request-id", "req_conformance")));
        var call = wire.Client.GenerateAsync(new ImageGenerateRequest { Prompt = "a cube" }, TestContext.Current.CancellationToken);
        if (body["data"] is null)
        {
            // The schema lets 'data' be absent; for a paid call that asked for an image, the client reports the
            // shortfall (with the request id) instead of returning an empty result.
            var shortfall = await Assert.ThrowsAsync<ImageGenProtocolException>(() => call);
            Assert.Equal("req_conformance", shortfall.RequestId);
            return;
        }

        var result = await call;

        Assert.Equal(body["data"]?.AsArray().Count ?? 0, result.Images.Count);
        Assert.All(result.Images, image => Assert.Equal(Wire.Png, image.Data.ToArray()));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Long(body["created"])), result.Created);
        Assert.Equal(body["size"]?.GetValue<string>(), result.Size?.ToString());
        Assert.Equal(body["quality"]?.GetValue<string>(), result.Quality?.Value);
        Assert.Equal(body["background"]?.GetValue<string>(), result.Background?.Value);
        Assert.Equal(body["output_format"]?.GetValue<string>(), result.OutputFormat?.Value);
        Assert.Equal("req_conformance", result.RequestId);
        AssertUsage(body["usage"], result.Usage);
        if (body["data"]?[0]?["revised_prompt"] is { } revised)
        {
            Assert.Equal(revised.GetValue<string>(), result.Images[0].RevisedPrompt);
        }
    }

    public static TheoryData<string, string> StreamEvents() => new()
    {
        { "ImageGenPartialImageEvent", "ImageGenCompletedEvent" },
        { "ImageEditPartialImageEvent", "ImageEditCompletedEvent" },
    };

    [Theory]
    [MemberData(nameof(StreamEvents))]
    public async Task EveryStreamEventTypeIsReadWithoutLoss(string partialComponent, string completedComponent)
    {
        var events = Enumerable.Range(0, 4).Select(v => Generate(partialComponent, v, "(all)")).Append(Generate(completedComponent, 1, "(all)")).ToList();
        Assert.All(events.SkipLast(1), e => Assert.Empty(OpenApiSchemas.OpenAI.Validate(partialComponent, e)));
        Assert.Empty(OpenApiSchemas.OpenAI.Validate(completedComponent, events[^1]));
        var sse = string.Concat(events.Select(e => $"event: {e["type"]}\ndata: {e.ToJsonString()}\n\n"));
        using var wire = Wire.Start(ImageProvider.OpenAI, canned: _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(sse, Encoding.UTF8, "text/event-stream"),
        });
        var edit = partialComponent.StartsWith("ImageEdit", StringComparison.Ordinal);

        var updates = new List<ImageStreamUpdate>();
        var stream = edit
            ? wire.Client.StreamEditAsync(new ImageEditRequest("a cube", ImageInput.FromBytes(Wire.Png, "a.png")) { PartialImages = 3 }, TestContext.Current.CancellationToken)
            : wire.Client.StreamGenerateAsync(new ImageGenerateRequest { Prompt = "a cube", PartialImages = 3 }, TestContext.Current.CancellationToken);
        await foreach (var update in stream.WithCancellation(TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        Assert.Equal(events.Count, updates.Count);
        for (var i = 0; i < events.Count - 1; i++)
        {
            Assert.Equal(ImageStreamUpdateKind.Partial, updates[i].Kind);
            Assert.Equal(events[i]["partial_image_index"]!.GetValue<int>(), updates[i].PartialImageIndex);
            Assert.Equal(Wire.Png, updates[i].Image.Data.ToArray());
        }

        Assert.Equal(ImageStreamUpdateKind.Completed, updates[^1].Kind);
        AssertUsage(events[^1]["usage"], updates[^1].Usage);
    }

    public static TheoryData<int, string?, string?> ErrorShapes() => new()
    {
        { 400, "invalid_value", "size" },
        { 400, null, null },
        { 401, "invalid_api_key", null },
        { 429, "rate_limit_exceeded", null },
        { 500, null, null },
        { 400, "moderation_blocked", null },
    };

    [Theory]
    [MemberData(nameof(ErrorShapes))]
    public async Task EveryErrorShapeIsReadWithoutLoss(int status, string? code, string? param)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = "described failure", ["type"] = code == "moderation_blocked" ? "image_generation_user_error" : "invalid_request_error", ["param"] = param, ["code"] = code },
        };
        Assert.Empty(OpenApiSchemas.OpenAI.Validate("ErrorResponse", body));
        using var wire = Wire.Start(ImageProvider.OpenAI, o => o.Resilience.MaxRetryAttempts = 0, _ => WireCapture.Json((HttpStatusCode)status, body.ToJsonString(), ("x-request-id", "req_error")));

        var error = await Assert.ThrowsAnyAsync<ImageGenProviderException>(() => wire.Client.GenerateAsync(new ImageGenerateRequest { Prompt = "a cube" }, TestContext.Current.CancellationToken));

        Assert.Equal((HttpStatusCode)status, error.Details.StatusCode);
        Assert.Equal("described failure", error.Details.Message);
        Assert.Equal(code, error.Details.Code);
        Assert.Equal(param, error.Details.Parameter);
        Assert.Equal(body["error"]!["type"]!.GetValue<string>(), error.Details.Type);
        Assert.Equal("req_error", error.RequestId);
        Assert.IsType(status switch
        {
            401 => typeof(ImageGenAuthenticationException),
            429 => typeof(ImageGenRateLimitException),
            500 => typeof(ImageGenServerException),
            _ when code == "moderation_blocked" => typeof(ImageGenContentPolicyException),
            _ => typeof(ImageGenInvalidRequestException),
        }, error);
    }

    /// <summary>A JSON integer as long, whatever CLR type the node was built from.</summary>
    internal static long Long(JsonNode? node) => long.Parse(node!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    internal static void AssertUsage(JsonNode? expected, ImageUsage? usage)
    {
        if (expected is null)
        {
            Assert.Null(usage);
            return;
        }

        Assert.NotNull(usage);
        Assert.Equal(Long(expected["input_tokens"]), usage.InputTokens);
        Assert.Equal(Long(expected["output_tokens"]), usage.OutputTokens);
        Assert.Equal(Long(expected["total_tokens"]), usage.TotalTokens);
        Assert.Equal(expected["input_tokens_details"]?["text_tokens"] is { } text ? Long(text) : 0, usage.InputTextTokens);
        Assert.Equal(expected["input_tokens_details"]?["image_tokens"] is { } image ? Long(image) : 0, usage.InputImageTokens);
        if (expected["output_tokens_details"] is { } output)
        {
            Assert.Equal(Long(output["image_tokens"]), usage.OutputImageTokens);
            Assert.Equal(Long(output["text_tokens"]), usage.OutputTextTokens);
        }
    }

    /// <summary>
    /// An instance of a component built from its (published) schema: objects get every property except
    /// <paramref name="omitted"/>, enums their <paramref name="variant"/>-th value, integers a value derived from the
    /// path, strings a text (image fields a real PNG, so the client can decode them).
    /// </summary>
    private static JsonObject Generate(string component, int variant, string omitted) =>
        (JsonObject)Value(OpenApiSchemas.OpenAI.Component(component), component, variant, omitted)!;

    private static JsonNode? Value(JsonNode schema, string path, int variant, string omitted)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return Value(OpenApiSchemas.OpenAI.Component(reference[(reference.LastIndexOf('/') + 1)..]), path, variant, omitted);
        }

        if (schema["anyOf"] is JsonArray anyOf)
        {
            return Value(anyOf.First(s => s?["type"]?.GetValue<string>() != "null")!, path, variant, omitted);
        }

        if (schema["enum"] is JsonArray values)
        {
            return values[variant % values.Count]!.DeepClone();
        }

        var name = path[(path.LastIndexOf('.') + 1)..];
        switch (schema["type"]?.GetValue<string>())
        {
            case "object":
                var result = new JsonObject();
                foreach (var (property, propertySchema) in schema["properties"]!.AsObject())
                {
                    if (property != omitted && !(property == "url" && name == "data"))
                    {
                        result[property] = Value(propertySchema!, $"{path}.{property}", variant, omitted);
                    }
                }

                return result;
            case "array":
                return new JsonArray([.. Enumerable.Range(0, 1 + (variant % 3)).Select(_ => Value(schema["items"]!, path, variant, omitted))]);
            case "integer":
                return name switch
                {
                    "created" or "created_at" => 1_780_000_000 + variant,
                    "partial_image_index" => variant % 4,
                    _ => 100 + (path.Length * 37 % 900),
                };
            case "boolean":
                return variant % 2 == 0;
            default:
                return name == "b64_json" ? PngBase64 : $"text for {name}";
        }
    }
}
