namespace Pikumo.ImageGen.Planning;

/// <summary>The log-normal spread of call latencies around their median.</summary>
internal static class LatencySpread
{
    /// <summary>The standard normal's 95th percentile.</summary>
    public const double Z95 = 1.6448536269514722;

    /// <summary>
    /// E[max of <paramref name="k"/> log-normal draws] / median = ∫ e^{σz} k φ(z) Φ(z)^{k-1} dz, by Simpson's rule
    /// over z in [-8, 8] (the tails beyond add less than 1e-9 for σ below 1).
    /// </summary>
    public static double ExpectedMaxFactor(double sigma, int k)
    {
        if (sigma <= 0)
        {
            return 1;
        }

        const int Steps = 1600;
        const double From = -8, To = 8;
        const double H = (To - From) / Steps;
        var sum = 0.0;
        for (var i = 0; i <= Steps; i++)
        {
            var z = From + (i * H);
            var f = Math.Exp(sigma * z) * k * Phi(z) * Math.Pow(Cdf(z), k - 1);
            sum += f * (i == 0 || i == Steps ? 1 : i % 2 == 1 ? 4 : 2);
        }

        return sum * H / 3;
    }

    /// <summary>One draw: e^{σz} for a standard normal z made from two uniforms in (0, 1] (Box–Muller).</summary>
    public static double Draw(double sigma, double u1, double u2) =>
        sigma <= 0 ? 1 : Math.Exp(sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));

    private static double Phi(double z) => Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI);

    /// <summary>Φ(z) from erfc (Numerical Recipes' erfcc, |error| &lt; 1.2e-7).</summary>
    private static double Cdf(double z)
    {
        var x = -z / Math.Sqrt(2);
        var t = 1 / (1 + (0.5 * Math.Abs(x)));
        ReadOnlySpan<double> c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        var poly = 0.0;
        for (var n = c.Length - 1; n >= 0; n--)
        {
            poly = c[n] + (t * poly);
        }

        var erfc = t * Math.Exp((-x * x) + poly);
        erfc = x >= 0 ? erfc : 2 - erfc;
        return erfc / 2;
    }
}
