using System.Globalization;
using System.Text.Json;
using Pikumo.ImageGen.Testing.Imaging;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen.Testing.Internal;

/// <content>fal endpoints beyond gpt-image (FLUX.2, Nano Banana 2), judged by their published schemas.</content>
internal sealed partial class SimulatorEngine
{
    /// <summary>Checks an input against the endpoint's schema: unknown keys are refused (fal.md: "send only known keys"), so a field sent to the wrong model shows.</summary>
    private static List<FalDetail> ValidateFalModel(FalModelSchema schema, ParsedBody body, out ImageJob? job)
    {
        job = null;
        var errors = new List<FalDetail>();
        if (body.Json is not { RootElement.ValueKind: JsonValueKind.Object } json)
        {
            errors.Add(new FalDetail(["body"], body.Problem ?? "Input should be a valid dictionary", "dict_type"));
            return errors;
        }

        var root = json.RootElement;
        foreach (var property in root.EnumerateObject().Where(p => !schema.Fields.Contains(p.Name)))
        {
            errors.Add(new FalDetail(["body", property.Name], "Extra inputs are not permitted", "extra_forbidden"));
        }

        var prompt = Required(root, "prompt", JsonValueKind.String, errors)?.GetString();
        var images = body.Images;
        if (schema.Edit && Required(root, "image_urls", JsonValueKind.Array, errors) is { } urls)
        {
            if (urls.GetArrayLength() == 0)
            {
                errors.Add(new FalDetail(["body", "image_urls"], "List should have at least 1 item after validation, not 0", "too_short"));
            }
            else if (schema.MaxImages is { } max && urls.GetArrayLength() > max)
            {
                errors.Add(new FalDetail(["body", "image_urls"], $"List should have at most {max} items after validation, not {urls.GetArrayLength()}", "too_long"));
            }

            for (var i = 0; i < images.Count; i++)
            {
                CheckImage(images[i], ["body", "image_urls", i], urls[i].ValueKind, errors);
            }

            // dev and turbo keep the first 4 and drop the rest without an error (§11.2): so does the simulator.
            images = schema.KeepsFirstImages is { } keep && images.Count > keep ? images.GetRange(0, keep) : images;
        }

        var count = 1;
        if (Optional(root, "num_images", JsonValueKind.Number, errors) is { } number && (!number.TryGetInt32(out count) || count < 1 || count > schema.MaxNumImages))
        {
            errors.Add(new FalDetail(["body", "num_images"], $"Input should be between 1 and {schema.MaxNumImages}", "less_than_equal"));
        }

        if (Optional(root, "seed", JsonValueKind.Number, errors) is { } seed && !seed.TryGetInt64(out _))
        {
            errors.Add(new FalDetail(["body", "seed"], "Input should be a valid integer", "int_type"));
        }

        if (root.TryGetProperty("guidance_scale", out var guidance) && (guidance.ValueKind != JsonValueKind.Number || guidance.GetDouble() <= 0 || guidance.GetDouble() > 20))
        {
            errors.Add(new FalDetail(["body", "guidance_scale"], "Input should be a number greater than 0 and at most 20", "value_error"));
        }

        if (schema.SafetyToleranceMax > 0 && root.TryGetProperty("safety_tolerance", out var tolerance))
        {
            var allowed = Enumerable.Range(1, schema.SafetyToleranceMax).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
            if (tolerance.ValueKind != JsonValueKind.String || !allowed.Contains(tolerance.GetString()))
            {
                errors.Add(new FalDetail(["body", "safety_tolerance"], $"Input should be {string.Join(", ", allowed.Select(a => $"'{a}'"))}", tolerance.ValueKind == JsonValueKind.String ? "enum" : "string_type"));
            }
        }

        if (schema.Fields.Contains("thinking_level") && root.TryGetProperty("thinking_level", out var thinking)
            && (thinking.ValueKind != JsonValueKind.String || thinking.GetString() is not ("minimal" or "high")))
        {
            errors.Add(new FalDetail(["body", "thinking_level"], "Input should be 'minimal' or 'high'", "enum"));
        }

        if (Optional(root, "output_format", JsonValueKind.String, errors)?.GetString() is { } format && !schema.OutputFormats.Contains(format))
        {
            errors.Add(new FalDetail(["body", "output_format"], $"Input should be {string.Join(", ", schema.OutputFormats.Select(f => $"'{f}'"))}", "enum"));
        }

        var size = ImageSize.Auto;
        if (schema.Size == FalSizeKind.AspectRatio)
        {
            var ratio = Optional(root, "aspect_ratio", JsonValueKind.String, errors)?.GetString() ?? "auto";
            var resolution = Optional(root, "resolution", JsonValueKind.String, errors)?.GetString() ?? "1K";
            if (!FalModelSchema.Ratios.Contains(ratio))
            {
                errors.Add(new FalDetail(["body", "aspect_ratio"], $"Input should be {string.Join(", ", FalModelSchema.Ratios.Select(r => $"'{r}'"))}", "enum"));
            }
            else if (!FalModelSchema.Resolutions.Contains(resolution))
            {
                errors.Add(new FalDetail(["body", "resolution"], "Input should be '0.5K', '1K', '2K' or '4K'", "enum"));
            }
            else if (ratio != "auto")
            {
                var parts = ratio.Split(':');
                var r = double.Parse(parts[0], CultureInfo.InvariantCulture) / double.Parse(parts[1], CultureInfo.InvariantCulture);
                var side = resolution switch { "0.5K" => 512, "2K" => 2048, "4K" => 4096, _ => 1024 };
                size = new ImageSize((int)Math.Round(side * Math.Sqrt(r) / 16) * 16, (int)Math.Round(side / Math.Sqrt(r) / 16) * 16);
            }
        }
        else
        {
            // FLUX.2: 512–2048 px per side, multiples of 16 [3rd F4]; dev and turbo have no 'auto'.
            var rules = new ImageSizeRules { AllowsFlexible = true, EdgeMultiple = 16, MaxAspectRatio = 4, MaxEdge = 2048, MinPixels = 512L * 512, MaxPixels = 2048L * 2048, AllowsAuto = schema.SizeAuto };
            size = FalSize(root, rules, errors);
            if (root.TryGetProperty("image_size", out var given) && given.ValueKind == JsonValueKind.String && given.GetString() == "auto" && !schema.SizeAuto)
            {
                errors.Add(new FalDetail(["body", "image_size"], "Input should be a preset name or a dictionary with width and height", "literal_error"));
            }
            else if (!size.IsAuto && (Math.Min(size.Width, size.Height) < 512 || size.Width % 16 != 0 || size.Height % 16 != 0))
            {
                errors.Add(new FalDetail(["body", "image_size"], "Value error, width and height must be multiples of 16 between 512 and 2048", "value_error"));
            }
            else if (size.IsAuto && !root.TryGetProperty("image_size", out _) && (schema.Model.EndsWith("turbo", StringComparison.Ordinal) || schema.Model.EndsWith("flash", StringComparison.Ordinal)))
            {
                size = ImageSize.Square1024; // turbo's default square_hd, whatever the input's shape
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var layout = PromptLayout.Parse(prompt!);
        job = new ImageJob
        {
            Provider = ImageProvider.Fal,
            Operation = schema.Edit ? ImageOperation.Edit : ImageOperation.Generate,
            Model = schema.Model,
            Prompt = prompt!,
            Count = count,
            Size = ImageFactory.ResolveSize(size, layout, images, ImageSizeRules.Any),
            Quality = "low",
            References = [.. images],
            SyncMode = root.TryGetProperty("sync_mode", out var sync) && sync.ValueKind == JsonValueKind.True,
            Layout = layout,
        };
        return errors;
    }

    /// <summary>The output's extra members (§11.4): <c>seed</c> (pro, max, flex), <c>prompt</c>/<c>seed</c>/<c>has_nsfw_concepts</c>/<c>timings</c> (dev, turbo), <c>description</c> (Nano Banana).</summary>
    private static void FalModelOutput(Utf8JsonWriter w, ImageJob job)
    {
        if (!FalModelSchema.All.TryGetValue(job.Operation == ImageOperation.Edit ? job.Model + "/edit" : job.Model, out var schema))
        {
            return;
        }

        switch (schema.Output)
        {
            case "seed":
                w.WriteNumber("seed", 42);
                break;
            case "nsfw":
                w.WriteString("prompt", job.Prompt);
                w.WriteNumber("seed", 42);
                w.WriteStartArray("has_nsfw_concepts");
                for (var i = 0; i < job.Count; i++)
                {
                    w.WriteBooleanValue(false);
                }

                w.WriteEndArray();
                w.WriteStartObject("timings");
                w.WriteNumber("inference", 1.0);
                w.WriteEndObject();
                break;
            default:
                w.WriteString("description", "A simulated image.");
                break;
        }
    }
}
