using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;

namespace Pikumo.ImageGen.Reporting.Internal;

/// <summary>
/// The Liquid templates embedded in this assembly, rendered by Fluid with an HTML encoder: every value a template
/// prints is HTML-encoded unless the template says <c>| raw</c>, which only the page shell does, for the body it
/// rendered itself and for the embedded style sheet. Models are dictionaries, lists and strings, so Fluid needs no
/// reflection over our types.
/// </summary>
internal static partial class ReportTemplates
{
    private const string Prefix = "Pikumo.ImageGen.Reporting.Templates.";
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Cache = new(StringComparer.Ordinal);
    private static readonly Lazy<string> Css = new(() => Resource("report.css"));

    /// <summary>Keeps letters of every script readable while encoding <c>&lt; &gt; &amp; " '</c> and controls.</summary>
    public static TextEncoder Encoder { get; } = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Renders a page: the named body template over the model, inside the shared page shell.</summary>
    public static string Render(string name, string title, Dictionary<string, object?> model)
    {
        var context = new TemplateContext(Options);
        context.SetValue("m", FluidValue.Create(model, Options));
        var body = Template(name).Render(context, Encoder);

        var shell = new TemplateContext(Options);
        shell.SetValue("title", title);
        shell.SetValue("css", Css.Value);
        shell.SetValue("body", body);
        return Template("page").Render(shell, Encoder);
    }

    private static IFluidTemplate Template(string name) => Cache.GetOrAdd(name, static n =>
        Parser.TryParse(Include().Replace(Resource(n + ".liquid"), i => Resource(i.Groups[1].Value + ".liquid")), out var template, out var error)
            ? template
            : throw new InvalidOperationException($"The embedded report template '{n}' does not parse: {error}"));

    /// <summary>A template names a shared part as <c>&lt;!--#include card--&gt;</c>; it is pasted in before parsing.</summary>
    [GeneratedRegex(@"<!--#include ([a-z-]+)-->")]
    private static partial Regex Include();

    private static string Resource(string file)
    {
        using var stream = typeof(ReportTemplates).Assembly.GetManifestResourceStream(Prefix + file)
            ?? throw new InvalidOperationException($"The report template '{file}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
