using System.CommandLine;
using System.Globalization;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// The samples program's command line: a command per sample (and <c>all</c>), common options that may stand
/// anywhere, <c>--help</c> everywhere. Unknown input is an error on stderr with exit code 2. A real provider is
/// called only when its key is set and <c>--offline</c> is not given; a run that would make more than one paid call
/// needs <c>--yes</c>.
/// </summary>
/// <remarks>Exit codes: 0 done; 1 a call failed; 2 unknown input, or a paid run without <c>--yes</c>.</remarks>
public static class SamplesCli
{
    /// <summary>Exit code of a run that finished.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a run whose provider call failed.</summary>
    public const int CallFailed = 1;

    /// <summary>Exit code of unknown input, or of a paid run without <c>--yes</c>.</summary>
    public const int UsageError = 2;

    private static readonly Option<string> ProviderOption = new("--provider", "-p")
    {
        Description = "The provider to run on: openai, azure (v1 route), azure-deployment, fal or gemini. Live only when its key is set; otherwise simulated offline.",
        HelpName = "openai|azure|azure-deployment|fal|gemini",
        Recursive = true,
    };

    private static readonly Option<bool> OfflineOption = new("--offline")
    {
        Description = "Run on the offline simulator even when a provider key is set.",
        Recursive = true,
    };

    private static readonly Option<DirectoryInfo> OutOption = new("--out", "-o")
    {
        Description = "Where to write the images [default: ./out].",
        HelpName = "DIR",
        Recursive = true,
    };

    private static readonly Option<bool> YesOption = new("--yes", "-y")
    {
        Description = "Agree to pay for a run of more than one call on a real provider.",
        Recursive = true,
    };

    private static readonly Option<double> LatencyScaleOption = new("--latency-scale")
    {
        Description = "Offline only: the simulator's pace (1 = the real service's, 0 = at once).",
        HelpName = "SCALE",
        DefaultValueFactory = _ => 0.02,
        Recursive = true,
    };

    private static readonly Lazy<RootCommand> Root = new(CreateRootCommand);

    static SamplesCli()
    {
        ProviderOption.AcceptOnlyFromAmong([.. SampleProviders.Names]);
        LatencyScaleOption.CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || scale is < 0 or > 10)
            {
                result.AddError($"--latency-scale '{text}' is not a number from 0 to 10.");
                return 0;
            }

            return scale;
        };
    }

    /// <summary>The command tree (built once: options belong to one tree).</summary>
    public static RootCommand RootCommand => Root.Value;

    private static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "Pikumo.ImageGen samples. Without a provider key they run on the offline simulator; with OPENAI_API_KEY, " +
            "AZURE_OPENAI_ENDPOINT + AZURE_OPENAI_API_KEY (+ AZURE_OPENAI_DEPLOYMENT), FAL_KEY (or FAL_KEY_ID + FAL_KEY_SECRET) or " +
            "GEMINI_API_KEY (or GOOGLE_API_KEY) set they call that provider, as the library reads them. The routing sample runs on the simulator only.")
        {
            ProviderOption, OfflineOption, OutOption, YesOption, LatencyScaleOption,
        };

        foreach (var sample in SampleRunner.Samples)
        {
            var command = new Command(sample.Name, $"{sample.Description} ({Calls(sample.PaidCalls, sample.PaidCallsAreAtMost)} on a real provider)");
            foreach (var option in sample.Options)
            {
                command.Add(option);
            }

            command.SetAction((parse, cancellationToken) => RunAsync([sample], parse, cancellationToken));
            root.Add(command);
        }

        var all = new Command("all", "Runs every sample in turn.");
        all.SetAction((parse, cancellationToken) => RunAsync(SampleRunner.Samples, parse, cancellationToken));
        root.Add(all);

        // No sample named: show what there is, run nothing.
        root.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine($"Name a sample: {string.Join(", ", SampleRunner.Names)} or all. See --help.");
            return Success;
        });
        return root;
    }

    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Standard output; the console when <see langword="null"/>.</param>
    /// <param name="error">Standard error; the console when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error };
        var parse = RootCommand.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                configuration.Error.WriteLine($"error: {parseError.Message}");
            }

            configuration.Error.WriteLine("Run with --help to see the samples and their options.");
            return UsageError;
        }

        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    private static async Task<int> RunAsync(IReadOnlyList<SampleDefinition> samples, ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var context = new SampleContext
        {
            Out = output,
            Error = error,
            ForceOffline = parse.GetValue(OfflineOption),
            Provider = parse.GetValue(ProviderOption) is { } name ? SampleProviders.Parse(name) : null,
            Confirmed = parse.GetValue(YesOption),
            LatencyScale = parse.GetValue(LatencyScaleOption),
            OutputDirectory = parse.GetValue(OutOption)?.FullName ?? Path.Combine(Environment.CurrentDirectory, "out"),
        };

        if (context.Provider is { } asked && !context.ForceOffline && !asked.HasKey())
        {
            output.WriteLine($"{asked.KeyVariables()} not set: running on the offline simulator.");
        }

        if (!context.Confirmed)
        {
            var live = samples
                .SelectMany(s => s.LiveProvidersFor?.Invoke(context, parse) ?? (context.LiveProvider is { } p ? [p] : []))
                .Distinct()
                .ToList();
            var gated = samples.Where(s => !s.ConfirmsItself).Sum(s => PaidCalls(s, parse));
            var total = samples.Sum(s => PaidCalls(s, parse));
            if (live.Count > 0 && (gated > 1 || (samples.Count > 1 && total > 1)))
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"error: this run makes {Calls(total, samples.Any(s => s.PaidCallsAreAtMost))} on {string.Join(" and ", live.Select(p => p.Name()))} ({string.Join("; ", live.Select(p => p.KeyVariables()))} set), and each costs money. Add --yes to pay for them, or --offline to run on the simulator."));
                return UsageError;
            }
        }

        foreach (var sample in samples)
        {
            if (samples.Count > 1)
            {
                output.WriteLine($"== {sample.Name}");
            }

            try
            {
                var code = await sample.RunAsync(context, parse, cancellationToken);
                if (code != Success)
                {
                    return code;
                }
            }
            catch (ImageGenException ex)
            {
                error.WriteLine($"The call failed: {ex.GetType().Name}: {ex.Message}");
                return CallFailed;
            }
            catch (ArgumentException ex)
            {
                error.WriteLine($"Refused before any call: {ex.Message}");
                return CallFailed;
            }
        }

        return Success;
    }

    private static int PaidCalls(SampleDefinition sample, ParseResult parse) => sample.PaidCallsFor?.Invoke(parse) ?? sample.PaidCalls;

    private static string Calls(int count, bool atMost) =>
        (atMost ? "up to " : string.Empty) + (count == 1 ? "1 paid call" : string.Create(CultureInfo.InvariantCulture, $"{count} paid calls"));
}
