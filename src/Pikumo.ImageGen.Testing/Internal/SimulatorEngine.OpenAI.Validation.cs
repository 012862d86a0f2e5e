using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Pikumo.ImageGen.Testing.Imaging;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen.Testing.Internal;

/// <content>What an OpenAI or Azure image call may carry, judged by the providers' descriptions, and the body field readers.</content>
internal sealed partial class SimulatorEngine
{
    /// <summary>Checks an OpenAI-wire request field by field, in the order the service reports problems; errors are OpenAI-shaped (Azure passes them through).</summary>
    private SimulatorResponse? ValidateImageCall(RouteMatch route, ParsedBody body, ImageProvider provider, out ImageJob? job)
    {
        job = null;
        var edit = route.Operation == ImageOperation.Edit;
        if (body.Problem is { } problem)
        {
            return body.IsMultipart || !edit
                ? Bad(null, null, $"We could not parse the body of your request: {problem}.")
                : Bad(null, null, $"Invalid Content-Type header: {problem}; expected multipart/form-data.");
        }

        if (!edit && body.IsMultipart)
        {
            return Bad(null, null, "Invalid Content-Type header (multipart/form-data), expected application/json.");
        }

        // The model: OpenAI's model field, or on Azure the deployment (path segment, or the v1 route's model field).
        string model;
        if (provider == ImageProvider.AzureOpenAI)
        {
            var deployment = route.Deployment ?? Text(body, "model");
            if (deployment is null)
            {
                return Bad("model", "missing_required_parameter", "Missing required parameter: 'model' (the deployment name on the v1 route).");
            }

            if (!Options.AzureDeployments.TryGetValue(deployment, out model!))
            {
                return AzureError(404, "DeploymentNotFound", "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.");
            }
        }
        else
        {
            model = Text(body, "model") ?? DefaultOpenAIModel;
            if (!DescribedRules.GptImageModels.Contains(model) && !Options.Models.Contains(model))
            {
                return OpenAIError(404, $"The model '{model}' does not exist or you do not have access to it.", "invalid_request_error", "model", "model_not_found");
            }
        }

        // Judged by the published descriptions; only a model they do not name falls back to the host's catalog.
        var capabilities = DescribedRules.For(model) ?? Options.Models.Resolve(model);
        var described = edit ? DescribedRules.EditFields : DescribedRules.GenerationFields;
        foreach (var name in body.Fields.Keys.Concat(body.OtherFiles))
        {
            if (!described.Contains(name))
            {
                return Bad(name, "unknown_parameter", $"Unknown parameter: '{name}'.");
            }
        }

        var prompt = Text(body, "prompt");
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return Bad("prompt", "missing_required_parameter", "Missing required parameter: 'prompt'.");
        }

        if (prompt.Length > capabilities.MaxPromptLength)
        {
            return Bad("prompt", "string_above_max_length", $"Invalid 'prompt': string too long. Expected a string with maximum length {capabilities.MaxPromptLength}, but got a string with length {prompt.Length} instead.");
        }

        if (edit)
        {
            if (ReferenceProblem(body, capabilities) is { } referenceProblem)
            {
                return referenceProblem;
            }
        }
        else if (body.Fields.ContainsKey("image") || body.Fields.ContainsKey("mask"))
        {
            return Bad("image", "unknown_parameter", "Unknown parameter: 'image'.");
        }

        if (Int(body, "n", 1, out var n) is { } nProblem)
        {
            return nProblem;
        }

        if (n < 1 || n > capabilities.MaxCount)
        {
            return n < 1
                ? Bad("n", "integer_below_min_value", $"Invalid 'n': integer below minimum value. Expected a value >= 1, but got {n} instead.")
                : Bad("n", "integer_above_max_value", $"Invalid 'n': integer above maximum value. Expected a value <= {capabilities.MaxCount}, but got {n} instead.");
        }

        var sizeText = Text(body, "size") ?? "auto";
        var sizeProblem = ImageSize.TryParse(sizeText, out var size) ? capabilities.Sizes.Check(size) : "expected WIDTHxHEIGHT or 'auto'";
        if (sizeProblem is not null)
        {
            return Bad("size", "invalid_value", $"Invalid value: '{sizeText}'. {Capitalized(sizeProblem)} for model '{model}'.");
        }

        var quality = Text(body, "quality") ?? "auto";
        if (!capabilities.Qualities.Contains(new ImageQuality(quality)))
        {
            return Bad("quality", "invalid_value", $"Invalid value: '{quality}'. Supported values are: {Quoted(capabilities.Qualities.Select(q => q.Value))}.");
        }

        var format = Text(body, "output_format");
        if (format is not null && !capabilities.OutputFormats.Contains(new ImageFormat(format)))
        {
            return capabilities.OutputFormats.Count == 0
                ? Bad("output_format", "unknown_parameter", "Unknown parameter: 'output_format'.")
                : Bad("output_format", "invalid_value", $"Invalid value: '{format}'. Supported values are: {Quoted(capabilities.OutputFormats.Select(f => f.Value))}.");
        }

        if (Int(body, "output_compression", 100, out var compression) is { } compressionProblem)
        {
            return compressionProblem;
        }

        if (compression is < 0 or > 100 || (compression != 100 && format is not ("jpeg" or "webp")))
        {
            return Bad("output_compression", "invalid_value", compression is < 0 or > 100
                ? $"Invalid 'output_compression': expected a value from 0 to 100, but got {compression} instead."
                : "Compression less than 100 is only supported for the jpeg and webp output formats.");
        }

        var background = Text(body, "background") ?? "auto";
        if (background is not ("transparent" or "opaque" or "auto") || (background != "auto" && !capabilities.SupportsBackground))
        {
            return Bad("background", "invalid_value", $"Invalid value: '{background}'. Supported values are: 'transparent', 'opaque', and 'auto'.");
        }

        if (background == "transparent" && (format == "jpeg" || capabilities.Transparency == TransparencySupport.None))
        {
            return Bad("background", "invalid_value", format == "jpeg"
                ? "Transparent background requires output_format 'png' or 'webp'."
                : "Transparent background is not supported for this model.");
        }

        var fidelity = edit ? Text(body, "input_fidelity") : null;
        if (fidelity is not null && (fidelity is not ("high" or "low") || !capabilities.SupportsInputFidelity))
        {
            return fidelity is not ("high" or "low")
                ? Bad("input_fidelity", "invalid_value", $"Invalid value: '{fidelity}'. Supported values are: 'high' and 'low'.")
                : Bad("input_fidelity", "invalid_input_fidelity_model", $"input_fidelity is not supported for model '{model}'.");
        }

        if (Text(body, "moderation") is { } moderation && moderation is not ("low" or "auto"))
        {
            return Bad("moderation", "invalid_value", $"Invalid value: '{moderation}'. Supported values are: 'low' and 'auto'.");
        }

        if (Bool(body, "stream", out var stream) is { } streamProblem)
        {
            return streamProblem;
        }

        if (Int(body, "partial_images", 0, out var partials) is { } partialProblem)
        {
            return partialProblem;
        }

        if (partials < 0 || partials > capabilities.MaxPartialImages)
        {
            return Bad("partial_images", "invalid_value", $"Invalid 'partial_images': expected a value from 0 to {capabilities.MaxPartialImages}, but got {partials} instead.");
        }

        if (body.Fields.ContainsKey("response_format") && !capabilities.RequiresResponseFormat)
        {
            return Bad("response_format", "unknown_parameter", "Unknown parameter: 'response_format'.");
        }

        var layout = PromptLayout.Parse(prompt);
        job = new ImageJob
        {
            Provider = provider,
            Operation = route.Operation!.Value,
            Model = model,
            Prompt = prompt,
            Count = n,
            Size = ImageFactory.ResolveSize(size, layout, body.Images, capabilities.Sizes),
            Quality = ImageFactory.EchoQuality(quality),
            InputFidelity = fidelity,
            References = [.. body.Images],
            Stream = stream,
            PartialImages = stream ? partials : 0,
            Layout = layout,
        };
        return null;
    }

    private static SimulatorResponse? ReferenceProblem(ParsedBody body, ImageModelCapabilities capabilities)
    {
        if (body.Images.Count == 0)
        {
            return Bad("image", "missing_required_parameter", "Missing required parameter: 'image'.");
        }

        if (body.Images.Count > capabilities.MaxReferenceImages)
        {
            return Bad("image", "array_above_max_length", $"Invalid 'image': array too long. Expected an array with maximum length {capabilities.MaxReferenceImages}, but got an array with length {body.Images.Count} instead.");
        }

        foreach (var image in body.Images.Append(body.Mask).OfType<RecordedImage>())
        {
            var param = image.Field == "mask" ? "mask" : "image";
            if (image.Data.IsEmpty)
            {
                return image.Url is null
                    ? Bad(param, "invalid_image", $"Invalid image file: the '{image.Field}' part is empty.")
                    : Bad(param, "invalid_image_url", $"Could not read the image at '{image.Url}' (the simulator serves only data: URIs and its own files).");
            }

            var isMask = image.Field == "mask";
            var allowed = isMask ? [ImageFormat.Png] : capabilities.ReferenceFormats;
            if (image.Format is not { } format || !allowed.Contains(format))
            {
                return Bad(param, "invalid_image_format", $"Invalid file '{image.Field}': unsupported mimetype ('{image.ContentType ?? "application/octet-stream"}'). Supported file formats are {Quoted(allowed.Select(f => f.MediaType))}.");
            }

            var limit = isMask ? capabilities.MaxMaskBytes : capabilities.MaxReferenceImageBytes;
            if (image.Data.Length > limit)
            {
                return Bad(param, "image_too_large", $"Invalid file '{image.Field}': {image.Data.Length:N0} bytes is over the {limit:N0}-byte limit.");
            }
        }

        if (body.Mask is { Header: { HasSize: true } mask } && body.Images[0].Header is { HasSize: true } first && (mask.Width != first.Width || mask.Height != first.Height))
        {
            return Bad("mask", "invalid_value", $"The mask ({mask.Width}x{mask.Height}) must have the same dimensions as the first image ({first.Width}x{first.Height}).");
        }

        return null;
    }

    /// <summary>A field's text: a multipart field, or a JSON string (other JSON values as their JSON text; null as absent).</summary>
    private static string? Text(ParsedBody body, string name)
    {
        if (body.Json is { } json && json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value))
        {
            return value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => value.GetString(),
                _ => value.GetRawText(),
            };
        }

        return body.Fields.TryGetValue(name, out var text) ? text : null;
    }

    /// <summary>An integer field, <paramref name="fallback"/> when absent; an error answer when it is not an integer.</summary>
    private static SimulatorResponse? Int(ParsedBody body, string name, int fallback, out int value)
    {
        value = fallback;
        if (body.Json is { } json && json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var element))
        {
            return element.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number when element.TryGetInt32(out value) => null,
                _ => Bad(name, "invalid_type", $"Invalid type for '{name}': expected an integer, but got {Kind(element.ValueKind)} instead."),
            };
        }

        if (!body.Fields.TryGetValue(name, out var text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            ? null
            : Bad(name, "invalid_type", $"Invalid type for '{name}': expected an integer, but got a string instead.");
    }

    private static SimulatorResponse? Bool(ParsedBody body, string name, out bool value)
    {
        value = false;
        var text = Text(body, name);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out value))
        {
            return null;
        }

        return Bad(name, "invalid_type", $"Invalid type for '{name}': expected a boolean, but got '{text}' instead.");
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a decimal",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Quoted(IEnumerable<string> values)
    {
        var list = values.Select(v => $"'{v}'").ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list.Take(list.Count - 1))}, and {list[^1]}";
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
