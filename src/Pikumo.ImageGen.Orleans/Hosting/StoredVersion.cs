using Orleans.Storage;

namespace Pikumo.ImageGen.Orleans;

/// <summary>
/// Grain state whose stored ETag moved under its activation: after a storage outage, a write whose answer was lost may
/// have landed, and every later write is refused. The activation is the grain's only one, so it takes the stored ETag
/// and writes its own state over it.
/// </summary>
internal static class StoredVersion
{
    /// <summary>Whether a write failed because the stored version (ETag) changed.</summary>
    public static bool IsConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is InconsistentStateException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the stored version, puts this activation's state back and writes it; returns why not, or <see langword="null"/>.</summary>
    public static async Task<string?> OverwriteAsync<T>(IPersistentState<T> state)
    {
        var mine = state.State;
        try
        {
            await state.ReadStateAsync();
            state.State = mine;
            await state.WriteStateAsync();
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            state.State = mine;
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }
}
