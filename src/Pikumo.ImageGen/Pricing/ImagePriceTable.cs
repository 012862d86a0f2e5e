using System.Collections.Frozen;

namespace Pikumo.ImageGen;

/// <summary>
/// Prices per provider and model, overridable by the host (prices change; the defaults are the published
/// list prices the library was built with, see <c>docs/planning.md</c>). A provider-specific entry wins over
/// the entry for any provider (<c>*</c>). Immutable; <see cref="With"/> returns a changed copy.
/// </summary>
public sealed class ImagePriceTable
{
    /// <summary>The provider key that matches any provider.</summary>
    public const string AnyProvider = "*";

    private readonly FrozenDictionary<(string Provider, string Model), ImageModelPrice> _prices;

    private ImagePriceTable(FrozenDictionary<(string Provider, string Model), ImageModelPrice> prices) => _prices = prices;

    /// <summary>A table with no prices (every cost is <see langword="null"/>).</summary>
    public static ImagePriceTable Empty { get; } = new(FrozenDictionary<(string, string), ImageModelPrice>.Empty);

    /// <summary>
    /// Defaults: list prices per 1M tokens (gpt-image-2: text in $5, image in $8, image out $30, text out $10 —
    /// OpenAI's list prices as mirrored by xairouter and ai-primer.com, and the same on fal's model page,
    /// <c>shared/api/openai.md</c> §9 and <c>shared/api/fal.md</c> §8; gpt-image-1.5: 5/8/32; gpt-image-1: 5/10/40;
    /// gpt-image-1-mini: 2/2.5/8 from its official model page) with each model's <see cref="ImageTokenModel"/>.
    /// The same prices apply on every provider (Azure bills OpenAI's token prices; fal lists the same rates).
    /// </summary>
    public static ImagePriceTable Default { get; } = Empty
        .With(AnyProvider, "gpt-image-2", new ImageModelPrice
        {
            TextInputPerMillion = 5m,
            ImageInputPerMillion = 8m,
            ImageOutputPerMillion = 30m,
            TextOutputPerMillion = 10m,
            Tokens = ImageTokenModel.GptImage2,
        })
        .With(AnyProvider, "gpt-image-1.5", new ImageModelPrice
        {
            TextInputPerMillion = 5m,
            ImageInputPerMillion = 8m,
            ImageOutputPerMillion = 32m,
            TextOutputPerMillion = 10m,
            Tokens = ImageTokenModel.GptImage15,
        })
        .With(AnyProvider, "gpt-image-1", new ImageModelPrice
        {
            TextInputPerMillion = 5m,
            ImageInputPerMillion = 10m,
            ImageOutputPerMillion = 40m,
            Tokens = ImageTokenModel.GptImage1,
        })
        .With(AnyProvider, "gpt-image-1-mini", new ImageModelPrice
        {
            TextInputPerMillion = 2m,
            ImageInputPerMillion = 2.5m,
            ImageOutputPerMillion = 8m,
            Tokens = ImageTokenModel.GptImage1Mini,
        })
        .WithProviderPrices();

    /// <summary>Gemini's and fal's per-model prices (each provider's folder lists them with sources).</summary>
    private ImagePriceTable WithProviderPrices() => Transports.Fal.FalModels.AddPrices(Transports.Gemini.GeminiModels.AddPrices(this));

    /// <summary>A copy with one entry added or replaced.</summary>
    /// <param name="provider">The provider name (<c>openai</c>, <c>azure.ai.openai</c>, <c>fal</c>…) or <see cref="AnyProvider"/>.</param>
    /// <param name="model">The model id (on Azure the model behind the deployment; see <c>ImageGenOptions.ModelAliases</c>).</param>
    /// <param name="price">The prices.</param>
    /// <returns>The new table.</returns>
    public ImagePriceTable With(string provider, string model, ImageModelPrice price)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(price);
        var copy = new Dictionary<(string, string), ImageModelPrice>(_prices, KeyComparer.Instance)
        {
            [(provider, model)] = price,
        };
        return new ImagePriceTable(copy.ToFrozenDictionary(KeyComparer.Instance));
    }

    /// <summary>The price entry for a model on a provider, falling back to the any-provider entry.</summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="model">The model id.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    public ImageModelPrice? Find(string provider, string model) =>
        _prices.TryGetValue((provider, model), out var price) || _prices.TryGetValue((AnyProvider, model), out price) ? price : null;

    /// <summary>
    /// The cost of a finished call: from usage when reported, otherwise estimated from the call's shape with the
    /// entry's token model (<see cref="ImageModelPrice.Estimate"/>).
    /// </summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="model">The model id.</param>
    /// <param name="usage">The reported usage, if any.</param>
    /// <param name="shape">What the call asked for.</param>
    /// <returns>The cost, or <see langword="null"/> when the table has no price.</returns>
    public ImageCost? Compute(string provider, string model, ImageUsage? usage, ImageCallShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var price = Find(provider, model);
        if (price is null)
        {
            return null;
        }

        if (usage is not null)
        {
            return new ImageCost(decimal.Round(price.CostOf(usage), 6), ImageCostBasis.Usage);
        }

        return price.Estimate(shape) is { } usd ? new ImageCost(decimal.Round(usd, 6), ImageCostBasis.Estimate) : null;
    }

    /// <summary>
    /// The cost of a finished call whose shape is only partly known (a fal result fetched by id): from usage when
    /// reported, otherwise estimated for <paramref name="imageCount"/> images at 1024×1024 with one reference when
    /// <paramref name="isEdit"/>, at the model's default fidelity, and a short prompt.
    /// </summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="model">The model id.</param>
    /// <param name="usage">The reported usage, if any.</param>
    /// <param name="imageCount">Images returned.</param>
    /// <param name="quality">The quality asked for.</param>
    /// <param name="isEdit">Whether the call carried reference images.</param>
    /// <returns>The cost, or <see langword="null"/> when the table has no price.</returns>
    public ImageCost? Compute(string provider, string model, ImageUsage? usage, int imageCount, ImageQuality quality, bool isEdit) =>
        Compute(provider, model, usage, new ImageCallShape { Count = imageCount, Quality = quality, References = isEdit ? 1 : 0 });

    private sealed class KeyComparer : IEqualityComparer<(string Provider, string Model)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string Provider, string Model) x, (string Provider, string Model) y) =>
            string.Equals(x.Provider, y.Provider, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Model, y.Model, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Provider, string Model) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Provider), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Model));
    }
}
