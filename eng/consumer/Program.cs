using Pikumo.ImageGen;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Transports.Azure;

// One call on the simulator through the packed packages, a composite sliced by the Imaging package, and the Azure
// package's TokenCredential hook.
var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
using var client = simulator.CreateClient();
var photo = ImageGenModelFactory.Png(8, 8);
var result = await client.EditAsync(new ImageEditRequest("a package consumer's first call", ImageInput.FromBytes(photo)) { Size = ImageSize.Landscape1536x1024 });
var layout = new CompositeLayoutBuilder(rows: 2, columns: 4, ImageSize.Landscape1536x1024).AddBeats("a", "b", "c", "d", "e", "f", "g", "h").Build();
var panels = await new SkiaCompositeSlicer().SliceAsync(result.Images[0], layout);
var azure = new AzureOpenAIProviderOptions().UseTokenCredential(new StaticCredential());
var token = await azure.TokenProvider!(CancellationToken.None);
Console.WriteLine($"ok {result.Images[0].Width}x{result.Images[0].Height} {result.Provider} {panels.Count} panels, entra token {token.Token.Length} chars");

/// <summary>A credential that hands out a fixed token (the consumer runs offline).</summary>
internal sealed class StaticCredential : Azure.Core.TokenCredential
{
    public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new("consumer-token", DateTimeOffset.MaxValue);

    public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
