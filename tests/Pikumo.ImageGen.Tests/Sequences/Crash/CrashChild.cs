using System.Diagnostics;

namespace Pikumo.ImageGen.Tests.Sequences.Crash;

/// <summary>Where to kill the child: at its n-th journal step, or at a byte of its uploads or downloads (through the relay).</summary>
internal sealed record KillPoint(string Kind, long At)
{
    public (RelayDirection, long)? Relay => Kind switch
    {
        "upload" => (RelayDirection.Upload, At),
        "download" => (RelayDirection.Download, At),
        _ => null,
    };

    public override string ToString() => $"{Kind}@{At}";
}

/// <summary>What one child process did: its journal steps, whether it was killed, its result line.</summary>
internal sealed record ChildRun(bool Killed, int Events, IReadOnlyList<string> Lines, string? Result);

/// <summary>
/// Runs the prebuilt crash child (<c>dotnet Pikumo.ImageGen.CrashChild.dll</c>, next to the test assembly) and kills it
/// with SIGKILL at a kill point. Synchronisation is by signals only: the child stops at every journal step until it
/// reads "go", and the relay signals when it holds a stream.
/// </summary>
internal static class CrashChild
{
    private static readonly string ChildDll = Path.Combine(AppContext.BaseDirectory, "Pikumo.ImageGen.CrashChild.dll");

    public static async Task<ChildRun> RunAsync(KillRelay relay, KillPoint? kill, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ChildDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        relay.Arm(kill?.Relay);
        var hit = kill?.Relay is null ? new TaskCompletionSource().Task : relay.Hit;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2)); // a guard against a hung child, not a synchronisation point
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var lines = new List<string>();
        var events = 0;
        var killed = false;
        string? result = null;
        try
        {
            var line = process.StandardOutput.ReadLineAsync(timeout.Token).AsTask();
            while (true)
            {
                if (await Task.WhenAny(line, hit) == hit)
                {
                    process.Kill();
                    killed = true;
                    break;
                }

                if (await line is not { } text)
                {
                    break;
                }

                lines.Add(text);
                if (text.StartsWith("EVENT ", StringComparison.Ordinal))
                {
                    events++;
                    if (kill is { Kind: "step" } && events == kill.At)
                    {
                        process.Kill();
                        killed = true;
                        break;
                    }

                    await process.StandardInput.WriteLineAsync("go".AsMemory(), timeout.Token);
                    await process.StandardInput.FlushAsync(timeout.Token);
                }
                else if (text.StartsWith("RESULT ", StringComparison.Ordinal))
                {
                    result = text;
                }

                line = process.StandardOutput.ReadLineAsync(timeout.Token).AsTask();
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            relay.DropAll();
        }

        if (!killed && process.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"The crash child failed with exit code {process.ExitCode}:\n{string.Join('\n', lines.TakeLast(20))}\n{await stderr}");
        }

        return new ChildRun(killed, events, lines, result);
    }
}
