using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>Where a request goes. Paths are relative to the simulator's root: OpenAI <c>/v1/</c>, Azure <c>/openai/</c>, fal <c>/fal/{sync|queue|rest|upload|files|api}/</c>, Gemini <c>/gemini/v1beta/</c> (the model in <see cref="GeminiModel"/>).</summary>
internal readonly record struct RouteMatch(
    SimulatorRoute Route,
    ImageProvider? Provider,
    ImageOperation? Operation = null,
    string? Deployment = null,
    string? FalEndpoint = null,
    string? FalApp = null,
    string? FalRequestId = null,
    string? FileId = null,
    string? GeminiModel = null)
{
    public const string FalSyncPrefix = "fal/sync/";
    public const string FalQueuePrefix = "fal/queue/";
    public const string FalRestPrefix = "fal/rest/";
    public const string FalUploadPrefix = "fal/upload/";
    public const string FalFilesPrefix = "fal/files/";
    public const string FalPlatformPrefix = "fal/api/v1/";
    public const string GeminiPrefix = "gemini/v1beta/";

    public static RouteMatch Classify(string method, Uri uri)
    {
        var segments = uri.AbsolutePath.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var post = method == "POST";
        var get = method == "GET";
        switch (segments)
        {
            case ["v1", "images", var op] when post && OperationOf(op) is { } operation:
                return new(operation == ImageOperation.Edit ? SimulatorRoute.OpenAIEdits : SimulatorRoute.OpenAIGenerations, ImageProvider.OpenAI, operation);
            case ["v1", ..]:
                return new(SimulatorRoute.Unknown, ImageProvider.OpenAI);
            case ["openai", "v1", "images", var op] when post && OperationOf(op) is { } operation:
                return new(operation == ImageOperation.Edit ? SimulatorRoute.AzureEdits : SimulatorRoute.AzureGenerations, ImageProvider.AzureOpenAI, operation);
            case ["openai", "deployments", var deployment, "images", var op] when post && deployment.Length > 0 && OperationOf(op) is { } operation:
                return new(operation == ImageOperation.Edit ? SimulatorRoute.AzureEdits : SimulatorRoute.AzureGenerations, ImageProvider.AzureOpenAI, operation, Deployment: deployment);
            case ["openai", ..]:
                return new(SimulatorRoute.Unknown, ImageProvider.AzureOpenAI);
            case ["fal", "sync", var owner, var alias, .. var path] when post:
                return new(SimulatorRoute.FalRun, ImageProvider.Fal, FalEndpoint: Endpoint(owner, alias, path), FalApp: $"{owner}/{alias}");
            case ["fal", "queue", var owner, var alias, "requests", var id, "status"] when get:
                return new(SimulatorRoute.FalStatus, ImageProvider.Fal, FalApp: $"{owner}/{alias}", FalRequestId: id);
            case ["fal", "queue", var owner, var alias, "requests", var id] when get:
                return new(SimulatorRoute.FalResult, ImageProvider.Fal, FalApp: $"{owner}/{alias}", FalRequestId: id);
            case ["fal", "queue", var owner, var alias, "requests", var id, "cancel"] when method == "PUT":
                return new(SimulatorRoute.FalCancel, ImageProvider.Fal, FalApp: $"{owner}/{alias}", FalRequestId: id);
            case ["fal", "queue", var owner, var alias, .. var path] when post:
                return new(SimulatorRoute.FalSubmit, ImageProvider.Fal, FalEndpoint: Endpoint(owner, alias, path), FalApp: $"{owner}/{alias}");
            case ["fal", "rest", "storage", "upload", "initiate"] when post:
                return new(SimulatorRoute.FalUploadInitiate, ImageProvider.Fal);
            case ["fal", "upload", var token] when method == "PUT":
                return new(SimulatorRoute.FalUpload, ImageProvider.Fal, FileId: token);
            case ["fal", "api", "v1", "models", "requests", "by-endpoint"] when get:
                return new(SimulatorRoute.FalHistory, ImageProvider.Fal);
            case ["fal", "files", var id, ..] when get:
                return new(SimulatorRoute.FalFile, ImageProvider.Fal, FileId: id);
            case ["fal", ..]:
                return new(SimulatorRoute.Unknown, ImageProvider.Fal);
            case ["gemini", "v1beta", "models", var action] when post && action.EndsWith(":generateContent", StringComparison.Ordinal):
                return new(SimulatorRoute.GeminiGenerateContent, ImageProvider.Gemini, GeminiModel: action[..^":generateContent".Length]);
            case ["gemini", ..]:
                return new(SimulatorRoute.Unknown, ImageProvider.Gemini);
            default:
                return new(SimulatorRoute.Unknown, null);
        }
    }

    private static ImageOperation? OperationOf(string segment) => segment switch
    {
        "edits" => ImageOperation.Edit,
        "generations" => ImageOperation.Generate,
        _ => null,
    };

    private static string Endpoint(string owner, string alias, string[] path) =>
        path.Length == 0 ? $"{owner}/{alias}" : $"{owner}/{alias}/{string.Join('/', path)}";
}
