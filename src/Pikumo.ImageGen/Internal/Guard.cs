using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Pikumo.ImageGen.Internal;

/// <summary>Argument guards that name the offending parameter.</summary>
internal static class Guard
{
    public static T NotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        return value;
    }

    public static string NotNullOrWhiteSpace([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        return value;
    }

    public static int InRange(int value, int min, int max, string paramName, string rule)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value, rule);
        }

        return value;
    }

    public static TimeSpan Positive(TimeSpan value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "The value must be positive.");
        }

        return value;
    }
}
