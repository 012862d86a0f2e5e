using System.Collections;
using System.Reflection;
using Pikumo.ImageGen.Transports.Azure;

namespace Pikumo.ImageGen.Tests.Hosting;

/// <summary>The client runs on its own copy of the options: it never writes into the caller's object, and is never changed through one.</summary>
public sealed class ClientOptionsSnapshotTests
{
    [Fact]
    public void Constructor_LeavesTheCallersOptionsAlone()
    {
        var options = new ImageGenOptions { UseEnvironmentVariables = true };
        options.OpenAI.ApiKey = "test-openai-key-snapshot";
        var before = Describe(options);

        using var client = new ImageGenClient(options);

        // Whatever the environment holds (AZURE_OPENAI_*, FAL_KEY…) went into the client's copy, not into this object.
        Assert.Equal(before, Describe(options));
    }

    [Fact]
    public void Options_ChangingTheSourceOrTheReadCopy_ChangesNothing()
    {
        var options = new ImageGenOptions { UseEnvironmentVariables = false, Timeout = TimeSpan.FromMinutes(7), DefaultModel = "gpt-image-1.5" };
        options.OpenAI.ApiKey = "test-openai-key-snapshot";
        using var client = new ImageGenClient(options);

        options.Timeout = TimeSpan.FromMinutes(1);
        options.DefaultModel = "gpt-image-1";
        options.ModelAliases["deployment"] = "gpt-image-2";
        var read = client.Options;
        read.Timeout = TimeSpan.FromMinutes(9);
        read.OpenAI.ApiKey = "other-key";

        Assert.Equal(TimeSpan.FromMinutes(7), client.Options.Timeout);
        Assert.Equal("gpt-image-1.5", client.Options.DefaultModel);
        Assert.Equal("test-openai-key-snapshot", client.Options.OpenAI.ApiKey);
        Assert.Empty(client.Options.ModelAliases);
        Assert.Equal("gpt-image-1.5", client.GetCapabilities().Model);
        Assert.NotSame(client.Options, client.Options);
    }

    [Fact]
    public void Copy_CopiesEverySetting_AndSharesNoMutableObject()
    {
        var options = new ImageGenOptions();
        Fill(options);
        options.ModelAliases["my-deployment"] = "gpt-image-2";

        var copy = options.Copy();

        AssertCopied(options, copy, nameof(ImageGenOptions));
    }

    private static IEnumerable<PropertyInfo> Settings(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Where(p => p.GetIndexParameters().Length == 0);

    private static bool IsOptionsObject(Type type) => type.IsClass && type.Name.EndsWith("Options", StringComparison.Ordinal);

    /// <summary>Sets every writable setting, down the nested options, to a value unlike its default.</summary>
    private static void Fill(object target)
    {
        foreach (var property in Settings(target.GetType()))
        {
            var type = property.PropertyType;
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (IsOptionsObject(type))
            {
                Fill(property.GetValue(target)!);
                continue;
            }

            if (property.GetValue(target) is IList<string> list)
            {
                list.Add("host-" + property.Name + ".test");
                continue;
            }

            if (property.GetValue(target) is IDictionary<string, string> map)
            {
                map["key-" + property.Name] = "value-" + property.Name;
                continue;
            }

            if (property.SetMethod is null)
            {
                continue;
            }

            object? value = underlying switch
            {
                _ when underlying == typeof(string) => "value-" + property.Name,
                _ when underlying == typeof(int) => 7,
                _ when underlying == typeof(long) => 123_457L,
                _ when underlying == typeof(double) => 0.25,
                _ when underlying == typeof(bool) => !(bool)(property.GetValue(target) ?? false),
                _ when underlying == typeof(TimeSpan) => TimeSpan.FromSeconds(4321),
                _ when underlying == typeof(Uri) => new Uri("https://" + property.Name.ToLowerInvariant() + ".example.test/"),
                _ when underlying.IsEnum => Enum.GetValues(underlying).GetValue(Enum.GetValues(underlying).Length - 1),
                _ when underlying == typeof(ImageModelCatalog) => ImageModelCatalog.Default.With(ImageModelCatalog.Permissive("copied-model")),
                _ when underlying == typeof(ImagePriceTable) => ImagePriceTable.Empty,
                _ when underlying == typeof(Func<CancellationToken, ValueTask<AzureAccessToken>>) => (Func<CancellationToken, ValueTask<AzureAccessToken>>)(_ => ValueTask.FromResult(new AzureAccessToken("t", DateTimeOffset.MaxValue))),
                _ when underlying == typeof(Func<IServiceProvider, global::Pikumo.ImageGen.Transports.ImageTransport>) => (Func<IServiceProvider, global::Pikumo.ImageGen.Transports.ImageTransport>)(_ => throw new InvalidOperationException()),
                _ => throw new InvalidOperationException($"The test does not know how to set {target.GetType().Name}.{property.Name} ({type}); teach it, and the copy."),
            };
            property.SetValue(target, value);
        }
    }

    private static void AssertCopied(object source, object copy, string path)
    {
        Assert.NotSame(source, copy);
        foreach (var property in Settings(source.GetType()))
        {
            var name = path + "." + property.Name;
            var expected = property.GetValue(source);
            var actual = property.GetValue(copy);
            if (expected is not null && IsOptionsObject(property.PropertyType))
            {
                AssertCopied(expected, actual!, name);
            }
            else if (expected is IEnumerable items and not string)
            {
                Assert.True(actual is IEnumerable, name);
                Assert.NotSame(expected, actual);
                Assert.Equal(items.Cast<object>(), ((IEnumerable)actual!).Cast<object>());
            }
            else
            {
                Assert.True(Equals(expected, actual), $"{name}: expected {expected}, got {actual}");
            }
        }
    }

    private static string Describe(object options, string path = "")
    {
        var lines = new List<string>();
        foreach (var property in Settings(options.GetType()))
        {
            var value = property.GetValue(options);
            lines.Add(value is not null && IsOptionsObject(property.PropertyType)
                ? Describe(value, path + property.Name + ".")
                : $"{path}{property.Name}={(value is IEnumerable items and not string ? string.Join(",", items.Cast<object>()) : value)}");
        }

        return string.Join("\n", lines);
    }
}
