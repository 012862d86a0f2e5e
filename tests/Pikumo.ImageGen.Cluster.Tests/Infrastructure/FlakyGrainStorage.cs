using System.Collections.Concurrent;
using Orleans.Storage;

namespace Pikumo.ImageGen.Cluster.Tests.Infrastructure;

/// <summary>In-memory grain storage with ETags that a test can make fail (every write throws while <see cref="Failing"/>).</summary>
internal sealed class FlakyGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string, GrainId), (object? State, string ETag)> _stored = new();
    private volatile bool _failing;
    private int _failedWrites;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public int FailedWrites => Volatile.Read(ref _failedWrites);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_stored.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = (T)stored.State!;
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_failing)
        {
            Interlocked.Increment(ref _failedWrites);
            throw new IOException("grain storage is down (test)");
        }

        var key = (stateName, grainId);
        if (_stored.TryGetValue(key, out var stored) && stored.ETag != grainState.ETag)
        {
            throw new InconsistentStateException("ETag mismatch (test)", stored.ETag, grainState.ETag);
        }

        var etag = Guid.NewGuid().ToString("N");
        _stored[key] = (grainState.State, etag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _stored.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
