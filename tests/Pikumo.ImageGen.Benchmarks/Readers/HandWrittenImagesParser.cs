using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

using Pikumo.ImageGen.Http;

namespace Pikumo.ImageGen.Benchmarks.Readers;

/// <summary>
/// The hand-written reader the library used before source-generated System.Text.Json (kept here as the measured alternative, see ReaderBenchmarks): a resumable token handler for OpenAI-shaped images JSON (<c>ImagesResponse</c> and the streaming events).
/// It keeps its place across buffer refills, so the response is read as it arrives; each <c>b64_json</c> is
/// decoded from the reader's buffer straight into one exactly-sized array, with no base64 string in between.
/// Unknown properties (Azure's content-filter annotations, future fields) are passed over.
/// </summary>
internal sealed class HandWrittenImagesParser
{
    private const int MaxDepth = 64;

    private readonly Scope[] _scopes = new Scope[MaxDepth + 1];
    private readonly Name[] _names = new Name[MaxDepth + 1];
    private DecodedImage? _currentImage;
    private UsageBuilder? _usage;

    private enum Scope : byte
    {
        Ignored,
        Root,
        Data,
        DataItem,
        Usage,
        InputDetails,
        OutputDetails,
        Error,
    }

    private enum Name : byte
    {
        Other,
        Created,
        CreatedAt,
        Data,
        Usage,
        Size,
        Quality,
        Background,
        OutputFormat,
        Error,
        B64Json,
        Url,
        RevisedPrompt,
        InputTokens,
        OutputTokens,
        TotalTokens,
        InputTokensDetails,
        OutputTokensDetails,
        TextTokens,
        ImageTokens,
        Message,
        Type,
        Code,
        Param,
        PartialImageIndex,
    }

    public ImagesPayload Payload { get; } = new();

    /// <summary>Whether the root value has been read to its end.</summary>
    public bool Completed { get; private set; }

    public static JsonReaderOptions ReaderOptions { get; } = new() { MaxDepth = MaxDepth };

    /// <summary>Handles every complete token in the reader's buffer.</summary>
    /// <exception cref="InvalidDataException">A <c>b64_json</c> value is not valid base64, or the JSON has the wrong shape.</exception>
    public void Consume(ref Utf8JsonReader reader)
    {
        while (!Completed && reader.Read())
        {
            var depth = reader.CurrentDepth;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    _names[depth] = _scopes[depth - 1] == Scope.Ignored ? Name.Other : NameOf(ref reader);
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    Open(depth, reader.TokenType == JsonTokenType.StartArray);
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    Close(depth);
                    break;
                default:
                    if (depth == 0)
                    {
                        throw new InvalidDataException($"The response is a JSON {reader.TokenType}, not an object.");
                    }

                    Value(ref reader, _scopes[depth - 1], _names[depth]);
                    break;
            }
        }
    }

    private void Open(int depth, bool isArray)
    {
        Scope scope;
        if (depth == 0)
        {
            if (isArray)
            {
                throw new InvalidDataException("The response is a JSON array, not an object.");
            }

            scope = Scope.Root;
        }
        else
        {
            var parent = _scopes[depth - 1];
            scope = (parent, _names[depth], isArray) switch
            {
                (Scope.Data, _, false) => Scope.DataItem,
                (Scope.Root, Name.Data, true) => Scope.Data,
                (Scope.Root, Name.Usage, false) => Scope.Usage,
                (Scope.Root, Name.Error, false) => Scope.Error,
                (Scope.Usage, Name.InputTokensDetails, false) => Scope.InputDetails,
                (Scope.Usage, Name.OutputTokensDetails, false) => Scope.OutputDetails,
                _ => Scope.Ignored,
            };
        }

        _scopes[depth] = scope;
        if (scope == Scope.DataItem)
        {
            _currentImage = new DecodedImage();
            Payload.Images.Add(_currentImage);
        }
        else if (scope == Scope.Usage)
        {
            _usage = new UsageBuilder();
        }
    }

    private void Close(int depth)
    {
        if (_scopes[depth] == Scope.Usage && _usage is not null)
        {
            Payload.Usage = _usage.Build();
        }

        _scopes[depth] = Scope.Ignored;
        if (depth == 0)
        {
            Completed = true;
        }
    }

    private void Value(ref Utf8JsonReader reader, Scope scope, Name name)
    {
        switch (scope)
        {
            case Scope.Root:
                RootValue(ref reader, name);
                break;
            case Scope.DataItem when name == Name.B64Json && reader.TokenType == JsonTokenType.String:
                _currentImage!.Data = DecodeBase64(ref reader, Payload.Images.Count - 1);
                break;
            case Scope.DataItem when name == Name.Url:
                _currentImage!.Url = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                break;
            case Scope.DataItem when name == Name.RevisedPrompt:
                _currentImage!.RevisedPrompt = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                break;
            case Scope.Usage:
            case Scope.InputDetails:
            case Scope.OutputDetails:
                _usage!.Set(scope == Scope.Usage ? 0 : scope == Scope.InputDetails ? 1 : 2, name, ref reader);
                break;
            case Scope.Error:
                var text = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => null,
                };
                switch (name)
                {
                    case Name.Message: Payload.ErrorMessage = text; break;
                    case Name.Code: Payload.ErrorCode = text; break;
                    case Name.Type: Payload.ErrorType = text; break;
                    case Name.Param: Payload.ErrorParameter = text; break;
                }

                break;
        }
    }

    private void RootValue(ref Utf8JsonReader reader, Name name)
    {
        var isString = reader.TokenType == JsonTokenType.String;
        switch (name)
        {
            case Name.Created or Name.CreatedAt when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var created):
                Payload.Created = created;
                break;
            case Name.Size when isString:
                Payload.Size = reader.GetString();
                break;
            case Name.Quality when isString:
                Payload.Quality = reader.GetString();
                break;
            case Name.Background when isString:
                Payload.Background = reader.GetString();
                break;
            case Name.OutputFormat when isString:
                Payload.OutputFormat = reader.GetString();
                break;
            case Name.Type when isString:
                Payload.Type = reader.GetString();
                break;
            case Name.PartialImageIndex when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var index):
                Payload.PartialImageIndex = index;
                break;
            case Name.B64Json when isString:
                // Streaming events carry the image at the root.
                _currentImage = new DecodedImage();
                Payload.Images.Add(_currentImage);
                _currentImage.Data = DecodeBase64(ref reader, Payload.Images.Count - 1);
                break;
            case Name.Error when isString:
                Payload.ErrorMessage = reader.GetString();
                break;
        }
    }

    private static byte[] DecodeBase64(ref Utf8JsonReader reader, int index)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var encoded = reader.ValueSpan;
            var padding = encoded.Length > 0 && encoded[^1] == '=' ? (encoded.Length > 1 && encoded[^2] == '=' ? 2 : 1) : 0;
            if (encoded.Length % 4 == 0)
            {
                var bytes = GC.AllocateUninitializedArray<byte>((encoded.Length / 4 * 3) - padding);
                if (Base64.DecodeFromUtf8(encoded, bytes, out _, out var written) == OperationStatus.Done && written == bytes.Length)
                {
                    return bytes;
                }
            }
        }

        // Escaped (\/), unpadded or otherwise unusual input: let the reader unescape and decode.
        return reader.TryGetBytesFromBase64(out var decoded)
            ? decoded
            : throw new InvalidDataException($"data[{index}].b64_json is not valid base64.");
    }

    private static Name NameOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("b64_json"u8) ? Name.B64Json
        : reader.ValueTextEquals("data"u8) ? Name.Data
        : reader.ValueTextEquals("created"u8) ? Name.Created
        : reader.ValueTextEquals("created_at"u8) ? Name.CreatedAt
        : reader.ValueTextEquals("usage"u8) ? Name.Usage
        : reader.ValueTextEquals("size"u8) ? Name.Size
        : reader.ValueTextEquals("quality"u8) ? Name.Quality
        : reader.ValueTextEquals("background"u8) ? Name.Background
        : reader.ValueTextEquals("output_format"u8) ? Name.OutputFormat
        : reader.ValueTextEquals("error"u8) ? Name.Error
        : reader.ValueTextEquals("url"u8) ? Name.Url
        : reader.ValueTextEquals("revised_prompt"u8) ? Name.RevisedPrompt
        : reader.ValueTextEquals("input_tokens"u8) ? Name.InputTokens
        : reader.ValueTextEquals("output_tokens"u8) ? Name.OutputTokens
        : reader.ValueTextEquals("total_tokens"u8) ? Name.TotalTokens
        : reader.ValueTextEquals("input_tokens_details"u8) ? Name.InputTokensDetails
        : reader.ValueTextEquals("output_tokens_details"u8) ? Name.OutputTokensDetails
        : reader.ValueTextEquals("text_tokens"u8) ? Name.TextTokens
        : reader.ValueTextEquals("image_tokens"u8) ? Name.ImageTokens
        : reader.ValueTextEquals("message"u8) ? Name.Message
        : reader.ValueTextEquals("type"u8) ? Name.Type
        : reader.ValueTextEquals("code"u8) ? Name.Code
        : reader.ValueTextEquals("param"u8) ? Name.Param
        : reader.ValueTextEquals("partial_image_index"u8) ? Name.PartialImageIndex
        : Name.Other;

    private sealed class UsageBuilder
    {
        private long _input;
        private long _output;
        private long _total;
        private long? _inputText;
        private long? _inputImage;
        private long? _outputText;
        private long? _outputImage;

        public void Set(int level, Name name, ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
            {
                return;
            }

            switch (level, name)
            {
                case (0, Name.InputTokens): _input = value; break;
                case (0, Name.OutputTokens): _output = value; break;
                case (0, Name.TotalTokens): _total = value; break;
                case (1, Name.TextTokens): _inputText = value; break;
                case (1, Name.ImageTokens): _inputImage = value; break;
                case (2, Name.TextTokens): _outputText = value; break;
                case (2, Name.ImageTokens): _outputImage = value; break;
            }
        }

        public ImageUsage Build()
        {
            // Without a split, input is counted as text and output as image tokens.
            var inputImage = _inputImage ?? 0;
            var outputText = _outputText ?? 0;
            return new ImageUsage
            {
                InputTokens = _input,
                OutputTokens = _output,
                TotalTokens = _total == 0 ? _input + _output : _total,
                InputImageTokens = inputImage,
                InputTextTokens = _inputText ?? Math.Max(0, _input - inputImage),
                OutputTextTokens = outputText,
                OutputImageTokens = _outputImage ?? Math.Max(0, _output - outputText),
            };
        }
    }
}
