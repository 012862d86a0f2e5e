using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Pikumo.ImageGen.Benchmarks.Infrastructure;

/// <summary>
/// The floor: what an edit costs with nothing but <see cref="HttpClient"/>, a hand-written multipart body that
/// copies the reference straight from its source, and a <see cref="Utf8JsonReader"/> over the response stream that
/// decodes each <c>b64_json</c> into one exactly-sized array. No validation, retries, limits, logging or telemetry.
/// </summary>
internal sealed class FloorClient(HttpClient http, Uri baseAddress, string apiKey) : IDisposable
{
    private readonly Uri _edits = new(baseAddress, "images/edits");
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", apiKey);

    /// <summary>POST /images/edits with one reference; returns the decoded images.</summary>
    public async Task<List<byte[]>> EditAsync(Func<Stream> openReference, long referenceLength, string model, string prompt, int count, string size, string quality, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _edits)
        {
            Content = new Multipart(openReference, referenceLength, model, prompt, count, size, quality),
        };
        request.Headers.Authorization = _authorization;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using (stream)
        {
            return await ReadImagesAsync(stream, cancellationToken);
        }
    }

    public void Dispose() => http.Dispose();

    /// <summary>Reads <c>data[].b64_json</c> from an images response as it arrives.</summary>
    internal static async Task<List<byte[]>> ReadImagesAsync(Stream stream, CancellationToken cancellationToken)
    {
        var images = new List<byte[]>(4);
        var state = default(JsonReaderState);
        var inImage = false;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                // Fill the buffer before parsing: Utf8JsonReader rescans an unfinished token on every call.
                var read = await stream.ReadAtLeastAsync(buffer.AsMemory(end), buffer.Length - end, throwOnEndOfStream: false, cancellationToken);
                end += read;
                var done = Consume(buffer.AsSpan(0, end), read == 0, ref state, ref inImage, images, out var consumed);
                start = consumed;
                if (done)
                {
                    return images;
                }

                if (read == 0)
                {
                    throw new InvalidDataException("The response ended inside its JSON.");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool Consume(ReadOnlySpan<byte> data, bool isFinal, ref JsonReaderState state, ref bool inImage, List<byte[]> images, out int consumed)
    {
        var reader = new Utf8JsonReader(data, isFinal, state);
        var done = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    inImage = reader.CurrentDepth == 3 && reader.ValueTextEquals("b64_json"u8);
                    break;
                case JsonTokenType.String when inImage:
                    var encoded = reader.ValueSpan; // base64 has nothing to escape
                    var image = GC.AllocateUninitializedArray<byte>(Base64.GetMaxDecodedFromUtf8Length(encoded.Length) - (encoded.EndsWith("=="u8) ? 2 : encoded.EndsWith("="u8) ? 1 : 0));
                    if (Base64.DecodeFromUtf8(encoded, image, out _, out var written) != OperationStatus.Done || written != image.Length)
                    {
                        throw new InvalidDataException("b64_json is not valid base64.");
                    }

                    images.Add(image);
                    inImage = false;
                    break;
                case JsonTokenType.EndObject when reader.CurrentDepth == 0:
                    done = true;
                    break;
            }
        }

        state = reader.CurrentState;
        consumed = (int)reader.BytesConsumed;
        return done;
    }

    /// <summary>model, prompt, n, size, quality, then <c>image[]</c> copied from its source while the body is written.</summary>
    private sealed class Multipart : HttpContent
    {
        private const string Boundary = "floor-7d1f0c3a9b";
        private readonly byte[] _head;
        private readonly byte[] _tail = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");
        private readonly Func<Stream> _open;
        private readonly long _length;

        public Multipart(Func<Stream> open, long length, string model, string prompt, int count, string size, string quality)
        {
            _open = open;
            _length = length;
            var head = new StringBuilder(512);
            Field("model", model);
            Field("prompt", prompt);
            Field("n", count.ToString(CultureInfo.InvariantCulture));
            Field("size", size);
            Field("quality", quality);
            head.Append("--").Append(Boundary).Append("\r\nContent-Disposition: form-data; name=\"image[]\"; filename=\"reference.png\"\r\nContent-Type: image/png\r\n\r\n");
            _head = Encoding.UTF8.GetBytes(head.ToString());
            Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");

            void Field(string name, string value) =>
                head.Append("--").Append(Boundary).Append("\r\nContent-Disposition: form-data; name=\"").Append(name).Append("\"\r\n\r\n").Append(value).Append("\r\n");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(_head, cancellationToken);
            var source = _open();
            await using (source)
            {
                await source.CopyToAsync(stream, cancellationToken);
            }

            await stream.WriteAsync(_tail, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _head.Length + _length + _tail.Length;
            return true;
        }
    }
}
