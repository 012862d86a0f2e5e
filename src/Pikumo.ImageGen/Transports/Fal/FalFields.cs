// Parameter names are the request's property paths (request.ExtraFields): what a caller needs to find the field.
#pragma warning disable CA2208

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pikumo.ImageGen.Transports.Fal;

/// <summary>
/// Writes a call's fields under each fal model's names and forms (<see cref="FalModelMap"/>): sizes as <c>image_size</c>
/// <c>{width, height}</c> or as <c>aspect_ratio</c> + <c>resolution</c>, counts as <c>num_images</c> only where it exists,
/// <c>seed</c>, <c>guidance_scale</c>, <c>safety_tolerance</c> as the string fal's schema wants, and raw fields last.
/// </summary>
internal static class FalFields
{
    public static void Write(Utf8JsonWriter writer, ImageTransportRequest request, FalModelMap? map, bool unknownApp)
    {
        writer.WriteString("prompt", request.Prompt);
        if (map is null && !unknownApp)
        {
            // gpt-image-2 on fal (§3): num_images always, quality always (fal's default is the dear "high").
            writer.WriteNumber("num_images", request.Count);
            if (request.Quality is { } quality)
            {
                writer.WriteString("quality", quality.Value);
            }
        }
        else if (map?.NumImages == true || (unknownApp && request.Count > 1))
        {
            writer.WriteNumber("num_images", request.Count);
        }

        if (map?.Size == FalSizeField.AspectRatio)
        {
            if (request.Size is { IsAuto: false } sized)
            {
                writer.WriteString("aspect_ratio", SizeTiers.RatioOf(sized, request.Capabilities.Sizes.AspectRatios) ?? "auto");
                writer.WriteString("resolution", SizeTiers.TierOf(sized));
            }
            else
            {
                writer.WriteString("aspect_ratio", "auto");
            }
        }
        else if (request.Size is { IsAuto: false } size)
        {
            WriteSize(writer, size);
        }
        else if (map?.SizeFromFirstReference == true && request.Images.Count > 0 && request.Images[0].Header is { HasSize: true } first)
        {
            // The endpoint's default is a 1024² square whatever the input: keep the first reference's framing (§11.7).
            WriteSize(writer, Snap(first.Width, first.Height));
        }
        else if (request.Size is { IsAuto: true } && map is null)
        {
            writer.WriteString("image_size", "auto");
        }

        if (request.OutputFormat is { } format)
        {
            writer.WriteString("output_format", format.Value);
        }

        if (request.Seed is { } seed)
        {
            writer.WriteNumber("seed", seed);
        }

        if (request.GuidanceScale is { } guidance)
        {
            writer.WriteNumber("guidance_scale", guidance);
        }

        if (map?.LimitGenerations == true && request.ExtraFields?.ContainsKey("limit_generations") != true)
        {
            writer.WriteBoolean("limit_generations", true);
        }

        foreach (var (name, value) in request.ExtraFields ?? new Dictionary<string, JsonNode?>())
        {
            writer.WritePropertyName(name);
            if (name == "safety_tolerance" && map is not null)
            {
                writer.WriteStringValue(SafetyTolerance(value, map));
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
        var text = value is JsonValue v && v.TryGetValue<int>(out var number) ? number.ToString(CultureInfo.InvariantCulture)
            : value is JsonValue s && s.TryGetValue<string>(out var str) ? str
            : null;
        if (map.SafetyToleranceMax == 0)
        {
            throw new ArgumentException($"request.ExtraFields['safety_tolerance'] is not a field of {map.Model}.", "request.ExtraFields");
        }

        return text is not null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level >= 1 && level <= map.SafetyToleranceMax
            ? level.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentException($"request.ExtraFields['safety_tolerance'] must be 1 to {map.SafetyToleranceMax} (1 strictest) on {map.Model}; it is {value?.ToJsonString() ?? "null"}.", "request.ExtraFields");
    }

    private static void WriteSize(Utf8JsonWriter writer, ImageSize size)
    {
        writer.WriteStartObject("image_size");
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
