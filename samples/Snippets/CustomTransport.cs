#region custom-transport
using Pikumo.ImageGen;
using Pikumo.ImageGen.Transports;

var options = new ImageGenOptions
{
    Provider = ImageProvider.Custom,
    TransportFactory = services => new MyGatewayTransport(),
};
using var client = new ImageGenClient(options);

// The client validates, times, prices and logs; a transport only speaks the wire.
sealed class MyGatewayTransport : ImageTransport
{
    public override string ProviderName => "my-gateway";

    public override Task<ImageResult> SendAsync(ImageTransportRequest request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("send request.Prompt, request.Images… to your gateway and build an ImageResult");
}
#endregion
