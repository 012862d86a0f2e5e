using System.Net;
using System.Net.Sockets;
using System.Text;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Testing.Tests;

/// <summary>The small HTTP/1.1 server: loopback only, chunked and Content-Length bodies, keep-alive, hang-ups, stopping.</summary>
public sealed class SimulatorServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Generation(ImageGenSimulator simulator, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/images/generations") { Content = content };
        request.Headers.Authorization = new("Bearer", simulator.Options.OpenAIApiKey);
        return request;
    }

    [Fact]
    public async Task StartServerAsync_Always_ListensOn127001()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        await using var server = await simulator.StartServerAsync(Ct);

        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.Equal(server.Port, server.BaseAddress.Port);
        Assert.NotEqual(0, server.Port);
    }

    [Fact]
    public async Task Send_ChunkedRequestBodyAndExpectContinue_IsReadWhole()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        await using var server = await simulator.StartServerAsync(Ct);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var json = """{"model":"gpt-image-2","prompt":"sent in chunks","size":"1024x1024"}""";
        var content = new StreamContent(new NonSeekable(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        using var request = Generation(simulator, content);
        request.Headers.ExpectContinue = true;

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var recorded = simulator.Recorder.Single();
        Assert.Equal("chunked", recorded.Headers["Transfer-Encoding"]);
        Assert.Equal(json, Encoding.UTF8.GetString(recorded.Body.Span));
        Assert.Equal("sent in chunks", recorded.Prompt);
    }

    [Fact]
    public async Task Send_SeveralRequests_ReusesOneKeptAliveConnection()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        await using var server = await simulator.StartServerAsync(Ct);
        var connections = 0;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress };

        for (var i = 0; i < 3; i++)
        {
            using var request = Generation(simulator, new StringContent("""{"prompt":"again"}""", Encoding.UTF8, "application/json"));
            using var response = await http.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsByteArrayAsync(Ct);
        }

        Assert.Equal(1, connections);
    }

    [Fact]
    public async Task Send_ClientHangsUpDuringAHang_CancelsTheCallAndKeepsServing()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        simulator.Faults.OnRequest(0, SimulatedFault.Hang());
        await using var server = await simulator.StartServerAsync(Ct);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var hanging = http.SendAsync(Generation(simulator, new StringContent("""{"prompt":"p"}""", Encoding.UTF8, "application/json")), cancel.Token);
        await simulator.Recorder.WaitForAsync(r => r.Count > 0, Ct);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging);
        using var next = await http.SendAsync(Generation(simulator, new StringContent("""{"prompt":"p"}""", Encoding.UTF8, "application/json")), Ct);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Null(simulator.Recorder[0].StatusCode);
    }

    [Fact]
    public async Task Send_BodyOverTheLimit_Answers413()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0, MaxRequestBodyBytes = 1024 });
        await using var server = await simulator.StartServerAsync(Ct);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.SendAsync(Generation(simulator, new ByteArrayContent(new byte[4096])), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task DisposeAsync_Running_StopsListening()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        var server = await simulator.StartServerAsync(Ct);
        var port = server.Port;

        await server.DisposeAsync();

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await Assert.ThrowsAsync<SocketException>(async () => await socket.ConnectAsync(IPAddress.Loopback, port, Ct));
    }

    /// <summary>A body stream without a length, so HttpClient sends it chunked.</summary>
    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
