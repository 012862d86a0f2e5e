using System.Net;
using System.Text.Json.Nodes;
using Pikumo.ImageGen.Conformance.Tests.Infrastructure;

namespace Pikumo.ImageGen.Conformance.Tests;

/// <summary>
/// The other direction of <see cref="RequestConformanceTests"/>: what the description accepts for a model, the client
/// (with its default capability table) sends, at every value of every enum and at both ends of every range the
/// schemas state. A catalog entry that is too strict fails here; one that is too loose fails there.
/// Where the table follows another source on purpose, the exception is named here and in docs/providers.md.
/// </summary>
public sealed class CatalogAgainstDescriptionTests
{
    private static readonly OpenApiSchemas Schemas = OpenApiSchemas.OpenAI;

    /// <summary>The GPT image models both request schemas name in <c>model</c>'s enum (dall-e models are out of the library's scope).</summary>
    public static TheoryData<string, bool> ModelsAndOperations()
    {
        var data = new TheoryData<string, bool>();
        foreach (var edit in new[] { false, true })
        {
            var component = edit ? "CreateImageEditRequest" : "CreateImageRequest";
            var models = Schemas.Component(component)["properties"]!["model"]!["anyOf"]![1]!["enum"]!.AsArray()
                .Select(m => m!.GetValue<string>()).Where(m => !m.StartsWith("dall-e", StringComparison.Ordinal));
            foreach (var model in models)
            {
                data.Add(model, edit);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModelsAndOperations))]
    public async Task EveryDescribedValueIsSent(string model, bool edit)
    {
        var component = edit ? "CreateImageEditRequest" : "CreateImageRequest";
        var properties = Schemas.Component(component)["properties"]!;
        var n = properties["n"]!;
        var partials = Schemas.Component("PartialImages")["anyOf"]![0]!;
        var variants = new List<(string Field, Func<ImageRequest, ImageRequest> Apply)>
        {
            ("n", r => r with { Count = n["minimum"]!.GetValue<int>() }),
            ("n", r => r with { Count = n["maximum"]!.GetValue<int>() }),
            ("partial_images", r => r with { PartialImages = partials["minimum"]!.GetValue<int>() }),
            ("partial_images", r => r with { PartialImages = partials["maximum"]!.GetValue<int>() }),
        };

        // quality: "high, medium and low are supported for the GPT image models", auto the default (standard/hd are dall-e's).
        variants.AddRange(Enum(properties["quality"]).Except(["standard", "hd"]).Select(q => ("quality", (Func<ImageRequest, ImageRequest>)(r => r with { Quality = new ImageQuality(q) }))));
        variants.AddRange(Enum(properties["output_format"]).Select(f => ("output_format", (Func<ImageRequest, ImageRequest>)(r => r with { OutputFormat = new ImageFormat(f) }))));
        variants.AddRange(Enum(properties["background"]).Select(b => ("background", (Func<ImageRequest, ImageRequest>)(r => r with { Background = new ImageBackground(b), OutputFormat = ImageFormat.Png }))));
        // size: "The standard sizes 1024x1024, 1536x1024, and 1024x1536 are supported by the GPT image models; auto is
        // supported for models that allow automatic sizing"; gpt-image-2 takes WIDTHxHEIGHT "for example 1536x864",
        // "the maximum supported resolution is 3840x2160".
        string[] sizes = model.StartsWith("gpt-image-2", StringComparison.Ordinal)
            ? ["1024x1024", "1536x1024", "1024x1536", "auto", "1536x864", "3840x2160"]
            : ["1024x1024", "1536x1024", "1024x1536", "auto"];
        Assert.All(sizes.Take(4), s => Assert.Contains(s, Enum(properties["size"]!["anyOf"]![1])));
        foreach (var text in sizes)
        {
            Assert.True(ImageSize.TryParse(text, out var size));
            variants.Add(("size " + text, r => r with { Size = size }));
        }
        if (!edit)
        {
            variants.AddRange(Enum(properties["moderation"]).Select(m => ("moderation", (Func<ImageRequest, ImageRequest>)(r => r with { Moderation = new ImageModeration(m) }))));
        }
        else if (InputFidelityDescribedFor(model))
        {
            variants.AddRange(Enum(Schemas.Component("InputFidelity")).Select(f => ("input_fidelity", (Func<ImageRequest, ImageRequest>)(r => ((ImageEditRequest)r) with { InputFidelity = new InputFidelity(f) }))));
        }

        foreach (var (field, apply) in variants)
        {
            ImageRequest request = edit
                ? new ImageEditRequest("a cube", [.. Enumerable.Range(0, MaxImages()).Select(i => ImageInput.FromBytes(Wire.Png, $"r{i}.png"))])
                : new ImageGenerateRequest { Prompt = "a cube" };
            request = apply(request with { Model = new ImageModel(model) });
            var stream = field == "partial_images";
            using var wire = Wire.Start(ImageProvider.OpenAI, canned: _ => Answer(request.Count, stream, edit));
            try
            {
                if (stream)
                {
                    var updates = edit ? wire.Client.StreamEditAsync((ImageEditRequest)request, TestContext.Current.CancellationToken) : wire.Client.StreamGenerateAsync((ImageGenerateRequest)request, TestContext.Current.CancellationToken);
                    await foreach (var update in updates.WithCancellation(TestContext.Current.CancellationToken))
                    {
                        _ = update;
                    }
                }
                else
                {
                    _ = edit ? await wire.Client.EditAsync((ImageEditRequest)request, TestContext.Current.CancellationToken) : await wire.Client.GenerateAsync((ImageGenerateRequest)request, TestContext.Current.CancellationToken);
                }
            }
            catch (ArgumentException e)
            {
                Assert.Fail($"{model} {component}: the description accepts this '{field}', the client refuses it: {e.Message}");
            }
        }
    }

    /// <summary>InputFidelity: "only supported for gpt-image-1 and gpt-image-1.5 and later models, unsupported for gpt-image-1-mini".</summary>
    private static bool InputFidelityDescribedFor(string model)
    {
        var text = Schemas.Component("InputFidelity")["description"]!.GetValue<string>();
        Assert.Contains("unsupported for `gpt-image-1-mini`", text, StringComparison.Ordinal);
        return model != "gpt-image-1-mini";
    }

    /// <summary>The edit schema's <c>image</c> array bound (16).</summary>
    private static int MaxImages() => Schemas.Component("CreateImageEditRequest")["properties"]!["image"]!["anyOf"]![1]!["maxItems"]!.GetValue<int>();

    private static IEnumerable<string> Enum(JsonNode? schema) => schema!["enum"]!.AsArray().Select(v => v!.GetValue<string>());

    private static HttpResponseMessage Answer(int count, bool stream, bool edit)
    {
        var b64 = Convert.ToBase64String(Wire.Png);
        if (!stream)
        {
            return WireCapture.Json(HttpStatusCode.OK, $$"""{"created":1780000000,"data":[{{string.Join(",", Enumerable.Repeat($$"""{"b64_json":"{{b64}}"}""", count))}}]}""");
        }

        var type = edit ? "image_edit.completed" : "image_generation.completed";
        const string Usage = "{\"input_tokens\":1,\"input_tokens_details\":{\"text_tokens\":1,\"image_tokens\":0},\"output_tokens\":1,\"total_tokens\":2}";
        var completed = $"{{\"type\":\"{type}\",\"b64_json\":\"{b64}\",\"created_at\":1780000000,\"size\":\"1024x1024\",\"quality\":\"high\",\"background\":\"opaque\",\"output_format\":\"png\",\"usage\":{Usage}}}";
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(string.Concat(Enumerable.Repeat($"event: {type}\ndata: {completed}\n\n", count)), System.Text.Encoding.UTF8, "text/event-stream"),
        };
    }
}
