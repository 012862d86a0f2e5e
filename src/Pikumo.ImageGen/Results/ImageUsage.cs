namespace Pikumo.ImageGen;

/// <summary>Token usage the provider reported for a call (OpenAI and Azure report it; fal does not).</summary>
public sealed record ImageUsage
{
    /// <summary>All input tokens (text and image).</summary>
    public long InputTokens { get; init; }

    /// <summary>All output tokens.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Input plus output tokens.</summary>
    public long TotalTokens { get; init; }

    /// <summary>Input tokens from the prompt text.</summary>
    public long InputTextTokens { get; init; }

    /// <summary>Input tokens from the reference images (high input fidelity raises them).</summary>
    public long InputImageTokens { get; init; }

    /// <summary>Output image tokens; when the provider gives no split, all output tokens.</summary>
    public long OutputImageTokens { get; init; }

    /// <summary>Output text tokens (usually 0).</summary>
    public long OutputTextTokens { get; init; }

    /// <summary>Adds two usages (for sums over calls).</summary>
    /// <param name="left">The first usage.</param>
    /// <param name="right">The second usage.</param>
    /// <returns>The sum.</returns>
    public static ImageUsage operator +(ImageUsage left, ImageUsage right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new ImageUsage
        {
            InputTokens = left.InputTokens + right.InputTokens,
            OutputTokens = left.OutputTokens + right.OutputTokens,
            TotalTokens = left.TotalTokens + right.TotalTokens,
            InputTextTokens = left.InputTextTokens + right.InputTextTokens,
            InputImageTokens = left.InputImageTokens + right.InputImageTokens,
            OutputImageTokens = left.OutputImageTokens + right.OutputImageTokens,
            OutputTextTokens = left.OutputTextTokens + right.OutputTextTokens,
        };
    }
}
