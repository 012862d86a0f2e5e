// Parameter names are the request's property paths (request.ExtraFields): what a caller needs to find the field.
#pragma warning disable CA2208

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pikumo.ImageGen.Transports.Fal;

/// <summary>
/// Writes a call's fields as a model's field table (<see cref="FalModelMap"/>) names them, in the order of
/// <see cref="ImageFields.All"/>: sizes as <c>image_size</c> <c>{width, height}</c> or as <c>aspect_ratio</c> +
/// <c>resolution</c>, <c>num_images</c> only where it exists, <c>safety_tolerance</c> as the string fal's schema wants,
/// and raw fields last.
/// </summary>
internal static class FalFields
{
    public static void Write(Utf8JsonWriter writer, ImageTransportRequest request, FalModelMap map)
    {
        var validated = request.Validated;
        foreach (var field in ImageFields.All)
        {
            if (!map.Fields.TryGetValue(field, out var name) || field.Read(validated) is not { } value)
            {
                continue;
            }

            if (field == ImageFields.Count && !map.CountWhenOne && request.Count == 1)
            {
                continue; // an unknown app may have no num_images; one image is every model's default
            }

            if (field == ImageFields.ExtraFields)
            {
                WriteRaw(writer, request.Request.ExtraFields!, map);
                continue;
            }

            if (field == ImageFields.Size)
            {
                WriteSize(writer, name, (ImageSize)value, request, map);
                continue;
            }

            switch (value)
            {
                case int number:
                    writer.WriteNumber(name, number);
                    break;
                case long number:
                    writer.WriteNumber(name, number);
                    break;
                case double number:
                    writer.WriteNumber(name, number);
                    break;
                case bool flag:
                    writer.WriteBoolean(name, flag);
                    break;
                default:
                    writer.WriteString(name, ImageFields.Text(value));
                    break;
            }
        }

        if (request.Size is null && map.Fields.TryGetValue(ImageFields.Size, out var sizeName))
        {
            WriteSize(writer, sizeName, ImageSize.Auto, request, map);
        }

        if (map.LimitGenerations && request.Request.ExtraFields?.ContainsKey("limit_generations") != true)
        {
            writer.WriteBoolean("limit_generations", true);
        }
    }

    private static void WriteSize(Utf8JsonWriter writer, string name, ImageSize size, ImageTransportRequest request, FalModelMap map)
    {
        if (map.Size == FalSizeField.AspectRatio)
        {
            // Nano Banana (§11.3): a ratio the validator checked and the tier of the longest edge; auto follows the input.
            if (size.IsAuto)
            {
                writer.WriteString(name, "auto");
                return;
            }

            writer.WriteString(name, SizeTiers.RatioOf(size, request.Capabilities.Sizes.AspectRatios) ?? "auto");
            writer.WriteString("resolution", SizeTiers.TierOf(size));
            return;
        }

        if (!size.IsAuto)
        {
            WriteDimensions(writer, name, size);
        }
        else if (map.SizeFromFirstReference && request.Images.Count > 0 && request.Images[0].Header is { HasSize: true } first)
        {
            // The endpoint's default is a 1024² square whatever the input: keep the first reference's framing (§11.7).
            WriteDimensions(writer, name, Snap(first.Width, first.Height));
        }
        else if (request.Size is { IsAuto: true } && map == FalModels.GptImage)
        {
            writer.WriteString(name, "auto");
        }
    }

    private static void WriteRaw(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonNode?> fields, FalModelMap map)
    {
        foreach (var (name, value) in fields)
        {
            writer.WritePropertyName(name);
            if (name == "safety_tolerance" && map != FalModels.GptImage && map != FalModels.UnknownApp)
            {
                writer.WriteStringValue(SafetyTolerance(value, map));
            }
            else if (name == "thinking_level" && map.ThinkingLevels.Count > 0
                && !(value is JsonValue level && level.TryGetValue<string>(out var text) && map.ThinkingLevels.Contains(text)))
            {
                throw new ArgumentException($"request.ExtraFields['thinking_level'] must be one of {string.Join(", ", map.ThinkingLevels)} on {map.Model}; it is {value?.ToJsonString() ?? "null"}.", "request.ExtraFields");
            }
            else if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }
    }

    /// <summary>fal's <c>safety_tolerance</c> is a string enum <c>"1"</c>…<c>"5"</c> (FLUX.2) or <c>"6"</c> (Nano Banana); a number would fail its validation, so one is written as its string.</summary>
    private static string SafetyTolerance(JsonNode? value, FalModelMap map)
    {
        if (map.SafetyToleranceMax == 0)
        {
            throw new ArgumentException($"request.ExtraFields['safety_tolerance'] is not a field of {map.Model}.", "request.ExtraFields");
        }

        var text = value is JsonValue v && v.TryGetValue<int>(out var number) ? number.ToString(CultureInfo.InvariantCulture)
            : value is JsonValue s && s.TryGetValue<string>(out var str) ? str
            : null;
        return text is not null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level >= 1 && level <= map.SafetyToleranceMax
            ? level.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentException($"request.ExtraFields['safety_tolerance'] must be 1 to {map.SafetyToleranceMax} (1 strictest) on {map.Model}; it is {value?.ToJsonString() ?? "null"}.", "request.ExtraFields");
    }

    private static void WriteDimensions(Utf8JsonWriter writer, string name, ImageSize size)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("width", size.Width);
        writer.WriteNumber("height", size.Height);
        writer.WriteEndObject();
    }

    /// <summary>A reference's size fitted into FLUX.2's 512–2048 px and multiples of 16, keeping its shape.</summary>
    private static ImageSize Snap(int width, int height)
    {
        var scale = Math.Min(1.0, 2048.0 / Math.Max(width, height));
        scale = Math.Max(scale, 512.0 / Math.Min(width, height));
        static int Edge(double value) => Math.Clamp((int)Math.Round(value / 16) * 16, 512, 2048);
        return new ImageSize(Edge(width * scale), Edge(height * scale));
    }
}
