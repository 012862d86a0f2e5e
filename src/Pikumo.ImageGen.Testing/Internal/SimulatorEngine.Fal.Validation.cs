using System.Globalization;
using System.Text.Json;
using Pikumo.ImageGen.Testing.Imaging;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen.Testing.Internal;

/// <content>What a fal request may carry, judged by fal's published schema and rules.</content>
internal sealed partial class SimulatorEngine
{
    /// <summary>Checks a fal input as the endpoint's Pydantic model would, collecting every problem.</summary>
    private List<FalDetail> ValidateFal(string endpoint, ParsedBody body, out ImageJob? job)
    {
        job = null;
        var errors = new List<FalDetail>();
        if (body.Json is not { RootElement.ValueKind: JsonValueKind.Object } json)
        {
            errors.Add(new FalDetail(["body"], body.Problem ?? "Input should be a valid dictionary", body.Problem is null ? "dict_type" : "json_invalid"));
            return errors;
        }

        var root = json.RootElement;
        var (operation, model) = FalEndpoints[endpoint];
        // fal's described limits (fal-js GptImage2*Input; image_size rule from its doc comment), not the client's catalog.
        var capabilities = DescribedRules.Fal(model) ?? Options.Models.Resolve(model);
        var prompt = Required(root, "prompt", JsonValueKind.String, errors)?.GetString();
        if (prompt is { Length: 0 })
        {
            errors.Add(new FalDetail(["body", "prompt"], "String should have at least 1 character", "string_too_short"));
        }

        if (operation == ImageOperation.Edit && Required(root, "image_urls", JsonValueKind.Array, errors) is { } urls)
        {
            var count = urls.GetArrayLength();
            if (count == 0 || count > capabilities.MaxReferenceImages)
            {
                errors.Add(count == 0
                    ? new FalDetail(["body", "image_urls"], "List should have at least 1 item after validation, not 0", "too_short")
                    : new FalDetail(["body", "image_urls"], $"List should have at most {capabilities.MaxReferenceImages} items after validation, not {count}", "too_long"));
            }
            else
            {
                for (var i = 0; i < body.Images.Count; i++)
                {
                    CheckImage(body.Images[i], ["body", "image_urls", i], urls[i].ValueKind, errors);
                }
            }
        }

        if (operation == ImageOperation.Edit && body.Mask is { } mask)
        {
            CheckImage(mask, ["body", "mask_url"], JsonValueKind.String, errors);
        }

        var size = FalSize(root, capabilities.Sizes, errors);
        var quality = Optional(root, "quality", JsonValueKind.String, errors)?.GetString() ?? "high";
        if (quality is not ("auto" or "low" or "medium" or "high"))
        {
            errors.Add(new FalDetail(["body", "quality"], "Input should be 'auto', 'low', 'medium' or 'high'", "literal_error"));
        }

        var count2 = 1;
        if (Optional(root, "num_images", JsonValueKind.Number, errors) is { } number)
        {
            if (!number.TryGetInt32(out count2))
            {
                errors.Add(new FalDetail(["body", "num_images"], "Input should be a valid integer", "int_type"));
            }
            else if (count2 < 1)
            {
                errors.Add(new FalDetail(["body", "num_images"], "Input should be greater than or equal to 1", "greater_than_equal"));
            }
            else if (count2 > Options.FalMaxImages)
            {
                errors.Add(new FalDetail(["body", "num_images"], $"Input should be less than or equal to {Options.FalMaxImages}", "less_than_equal"));
            }
        }

        if (Optional(root, "output_format", JsonValueKind.String, errors)?.GetString() is { } format && format is not ("jpeg" or "png" or "webp"))
        {
            errors.Add(new FalDetail(["body", "output_format"], "Input should be 'jpeg', 'png' or 'webp'", "literal_error"));
        }

        var syncMode = root.TryGetProperty("sync_mode", out var sync) && sync.ValueKind == JsonValueKind.True;
        if (root.TryGetProperty("sync_mode", out sync) && sync.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
        {
            errors.Add(new FalDetail(["body", "sync_mode"], "Input should be a valid boolean", "bool_type"));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var layout = PromptLayout.Parse(prompt!);
        job = new ImageJob
        {
            Provider = ImageProvider.Fal,
            Operation = operation,
            Model = model,
            Prompt = prompt!,
            Count = count2,
            Size = ImageFactory.ResolveSize(size, layout, body.Images, capabilities.Sizes),
            Quality = ImageFactory.EchoQuality(quality),
            References = [.. body.Images],
            SyncMode = syncMode,
            Layout = layout,
        };
        return errors;
    }

    private static void CheckImage(RecordedImage image, object[] loc, JsonValueKind kind, List<FalDetail> errors)
    {
        if (kind != JsonValueKind.String)
        {
            errors.Add(new FalDetail(loc, "Input should be a valid string", "string_type"));
        }
        else if (image.Data.IsEmpty)
        {
            errors.Add(new FalDetail(loc, $"Failed to download the file from '{image.Url}' (the simulator serves only data: URIs and its own files).", "file_download_error"));
        }
        else if (image.Format is null)
        {
            errors.Add(new FalDetail(loc, "Unsupported image format; use PNG, JPEG or WEBP.", "image_load_error"));
        }
    }

    /// <summary><c>image_size</c>: a preset, <c>auto</c>, or <c>{width, height}</c> within the model's size rules.</summary>
    private static ImageSize FalSize(JsonElement root, ImageSizeRules rules, List<FalDetail> errors)
    {
        if (!root.TryGetProperty("image_size", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return ImageSize.Auto;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var name = value.GetString()!;
            if (name == "auto")
            {
                return ImageSize.Auto;
            }

            if (FalPresets.TryGetValue(name, out var preset))
            {
                return preset;
            }

            errors.Add(new FalDetail(["body", "image_size"], $"Input should be {string.Join(", ", FalPresets.Keys.Select(k => $"'{k}'"))} or 'auto'", "literal_error"));
            return ImageSize.Auto;
        }

        if (value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("width", out var w) && w.TryGetInt32(out var width) && width > 0
            && value.TryGetProperty("height", out var h) && h.TryGetInt32(out var height) && height > 0)
        {
            var size = new ImageSize(width, height);
            if ((rules with { FixedSizes = [] }).Check(size) is { } rule)
            {
                errors.Add(new FalDetail(["body", "image_size"], $"Value error, {rule}", "value_error"));
                return ImageSize.Auto;
            }

            return size;
        }

        errors.Add(new FalDetail(["body", "image_size"], "Input should be a valid dictionary with integer 'width' and 'height', a preset name or 'auto'", "value_error"));
        return ImageSize.Auto;
    }

    private static JsonElement? Required(JsonElement root, string name, JsonValueKind kind, List<FalDetail> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FalDetail(["body", name], "Field required", "missing"));
            return null;
        }

        return Typed(value, name, kind, errors);
    }

    private static JsonElement? Optional(JsonElement root, string name, JsonValueKind kind, List<FalDetail> errors) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Typed(value, name, kind, errors) : null;

    private static JsonElement? Typed(JsonElement value, string name, JsonValueKind kind, List<FalDetail> errors)
    {
        if (value.ValueKind == kind)
        {
            return value;
        }

        errors.Add(kind switch
        {
            JsonValueKind.String => new FalDetail(["body", name], "Input should be a valid string", "string_type"),
            JsonValueKind.Array => new FalDetail(["body", name], "Input should be a valid list", "list_type"),
            _ => new FalDetail(["body", name], "Input should be a valid integer", "int_type"),
        });
        return null;
    }
}
