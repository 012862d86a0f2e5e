using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Pikumo.ImageGen.Conformance.Tests.Infrastructure;

/// <summary>
/// OpenAI's OpenAPI 3.1 description read as JSON Schema 2020-12. The vendored file is the publisher's text; the
/// dialect differences are bridged here, not by editing it: <c>nullable: true</c> (an OpenAPI 3.0 keyword the file
/// still uses) becomes "or null", <c>#/components/schemas/X</c> references point into <c>$defs</c>, and the
/// vendor extensions and <c>discriminator</c> (annotations with no validation meaning) are dropped.
/// </summary>
public sealed class OpenApiSchemas
{
    private static readonly Lazy<OpenApiSchemas> OpenAIInstance = new(() => new OpenApiSchemas(ApiDescriptions.Json("openai/openapi.images.json")));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> _built = new(StringComparer.Ordinal);

    private OpenApiSchemas(JsonNode document)
    {
        Document = document;
        var defs = new JsonObject();
        foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject())
        {
            defs[name] = Convert(schema!);
        }

        Converted = defs;
    }

    public static OpenApiSchemas OpenAI => OpenAIInstance.Value;

    /// <summary>The vendored document as published.</summary>
    public JsonNode Document { get; }

    /// <summary>The converted schemas (<c>$defs</c>).</summary>
    public JsonObject Converted { get; }

    /// <summary>A component schema as published (before conversion).</summary>
    public JsonObject Component(string name) => Document["components"]!["schemas"]![name]!.AsObject();

    /// <summary>The property names a component's object schema lists.</summary>
    public IReadOnlyCollection<string> Properties(string name) => [.. Component(name)["properties"]!.AsObject().Select(p => p.Key)];

    /// <summary>Validates an instance against a component; returns the problems (empty when valid).</summary>
    public IReadOnlyList<string> Validate(string component, JsonNode? instance)
    {
        // One root per component (its $ref into the shared $defs), each built in a registry of its own.
        var schema = _built.GetOrAdd(component, name => JsonSchema.FromText(
            new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$id"] = $"https://pikumo.test/openai/{name}.json",
                ["$ref"] = "#/$defs/" + name,
                ["$defs"] = Converted.DeepClone(),
            }.ToJsonString(),
            new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
        var element = JsonSerializer.SerializeToElement(instance);
        var result = schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} ({d.EvaluationPath})"))
            .DefaultIfEmpty($"{component}: invalid")];
    }

    private static JsonNode Convert(JsonNode node)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray([.. array.Select(item => item is null ? null : Convert(item))]);
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (key.StartsWith("x-", StringComparison.Ordinal) || key is "discriminator" or "nullable" or "example")
                    {
                        continue;
                    }

                    result[key] = key == "$ref" && value!.GetValue<string>() is { } target && target.StartsWith("#/components/schemas/", StringComparison.Ordinal)
                        ? "#/$defs/" + target["#/components/schemas/".Length..]
                        : value is null ? null : Convert(value);
                }

                return obj["nullable"] is JsonValue nullable && nullable.GetValue<bool>()
                    ? new JsonObject { ["anyOf"] = new JsonArray(result, new JsonObject { ["type"] = "null" }) }
                    : result;
            default:
                return node.DeepClone();
        }
    }
}
