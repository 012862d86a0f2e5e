using System.Diagnostics;
using Azure.Storage.Blobs;
using Pikumo.ImageGen.Shared;

[assembly: AssemblyFixture(typeof(Pikumo.ImageGen.Cluster.Tests.Infrastructure.AzuriteFixture))]

namespace Pikumo.ImageGen.Cluster.Tests.Infrastructure;

/// <summary>
/// Azurite (the npm package pinned in eng/azurite) on 127.0.0.1, on free ports, with its data in a temporary folder:
/// installed with <c>npm ci</c> when missing, started once for the test assembly, stopped by its process id after.
/// <see cref="StopAsync"/> and <see cref="StartAsync"/> take storage away and bring it back with its data: a test that
/// does so starts its own instance (<see cref="StartOwnAsync"/>), because test classes run in parallel and the shared
/// one must never go away under another class's test.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account (public, documented by Microsoft; not a secret).</summary>
    private const string Account = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _data = Directory.CreateTempSubdirectory("pikumo-azurite-").FullName;
    private readonly int[] _ports = LoopbackPorts.Free(3);
    private static readonly SemaphoreSlim PidFileGate = new(1, 1);
    private Process? _process;

    public int BlobPort => _ports[0];

    public int TablePort => _ports[1];

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={DevKey};BlobEndpoint=http://127.0.0.1:{BlobPort}/{Account};TableEndpoint=http://127.0.0.1:{TablePort}/{Account};";

    /// <summary>A blob client that gives up fast when Azurite is gone (a refused connection, two quick retries), patient with a slow one.</summary>
    public BlobServiceClient CreateBlobService() => new(ConnectionString, new BlobClientOptions
    {
        Retry = { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(50), NetworkTimeout = TimeSpan.FromSeconds(30) },
    });

    public BlobContainerClient NewContainer() => CreateBlobService().GetBlobContainerClient("t" + Guid.NewGuid().ToString("N"));

    /// <summary>A separate Azurite (its own ports and data) for a test that takes storage away; dispose it after.</summary>
    public static async Task<AzuriteFixture> StartOwnAsync()
    {
        var own = new AzuriteFixture();
        await own.InitializeAsync();
        return own;
    }

    public async ValueTask InitializeAsync()
    {
        await EnsureInstalledAsync();
        await StartAsync();
    }

    public async Task StartAsync()
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.Combine(root, "eng", "azurite"),
        };
        foreach (var arg in new[]
        {
            Path.Combine(root, "eng", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js"),
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(), "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", _ports[2].ToString(), "--location", _data, "--skipApiVersionCheck", "--disableProductStyleUrl", "--loose",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listening = 0;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("successfully listening", StringComparison.Ordinal) == true && Interlocked.Increment(ref listening) == 3)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => { };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"Azurite exited with {process.ExitCode} before it listened."));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        // .ci/run stops every process id listed here after the tests if anything left it running.
        if (Environment.GetEnvironmentVariable("PIKUMO_AZURITE_PIDFILE") is { Length: > 0 } pidFile)
        {
            await PidFileGate.WaitAsync();
            try
            {
                await File.AppendAllTextAsync(pidFile, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
            }
            finally
            {
                PidFileGate.Release();
            }
        }

        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Stops Azurite (by its process id); its data stays in the temporary folder for the next start.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                // SIGTERM: Azurite closes its servers and saves its metadata store, like a storage service going offline
                // without losing a write it acknowledged (SIGKILL would lose its last seconds of acknowledged writes,
                // which real Azure Storage never does). SIGKILL only if it does not exit.
                _ = SendSignal(process.Id, SigTerm);
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await process.WaitForExitAsync(patience.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        var folder = Path.Combine(RepositoryRoot(), "eng", "azurite");
        if (File.Exists(Path.Combine(folder, "node_modules", "azurite", "dist", "src", "azurite.js")))
        {
            return;
        }

        using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error") { WorkingDirectory = folder, UseShellExecute = false })!;
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {folder} failed with {npm.ExitCode}: Azurite is needed for the blob store and cluster tests (node and npm must be installed).");
        }
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pikumo.ImageGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Pikumo.ImageGen.sln) was not found above " + AppContext.BaseDirectory);
    }
}
