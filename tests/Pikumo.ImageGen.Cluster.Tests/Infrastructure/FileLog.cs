using Microsoft.Extensions.Logging;

namespace Pikumo.ImageGen.Cluster.Tests.Infrastructure;

/// <summary>Silo logs to a file when PIKUMO_CLUSTER_LOG names one (for diagnosing a failing cluster test).</summary>
internal sealed class FileLog(string path) : ILoggerProvider, ILogger
{
    private readonly Lock _gate = new();
    private readonly string _path = path;

    public ILogger CreateLogger(string categoryName) => categoryName.StartsWith("Pikumo", StringComparison.Ordinal) ? new Detailed(this) : this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        lock (_gate)
        {
            File.AppendAllText(_path, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel} {formatter(state, exception)} {exception}\n");
        }
    }

    /// <summary>The library's own categories, journal steps included.</summary>
    private sealed class Detailed(FileLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (log._gate)
            {
                File.AppendAllText(log._path, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel} {formatter(state, exception)} {exception}\n");
            }
        }
    }

    public void Dispose()
    {
    }
}
