namespace Pikumo.ImageGen.Testing;

/// <summary>Which of the simulated providers' endpoints a request reached.</summary>
public enum SimulatorRoute
{
    /// <summary>No simulated endpoint (answered 404 in the shape of the provider the path looks like).</summary>
    Unknown,

    /// <summary>OpenAI <c>POST /v1/images/edits</c>.</summary>
    OpenAIEdits,

    /// <summary>OpenAI <c>POST /v1/images/generations</c>.</summary>
    OpenAIGenerations,

    /// <summary>Azure OpenAI <c>POST /openai/v1/images/edits</c> or <c>/openai/deployments/{d}/images/edits?api-version=…</c>.</summary>
    AzureEdits,

    /// <summary>Azure OpenAI <c>POST /openai/v1/images/generations</c> or the deployment route's generations.</summary>
    AzureGenerations,

    /// <summary>fal sync run: <c>POST {sync}/{owner}/{alias}[/{path}]</c>.</summary>
    FalRun,

    /// <summary>fal queue submit: <c>POST {queue}/{owner}/{alias}[/{path}]</c>.</summary>
    FalSubmit,

    /// <summary>fal queue status: <c>GET {queue}/{owner}/{alias}/requests/{id}/status</c>.</summary>
    FalStatus,

    /// <summary>fal queue result: <c>GET {queue}/{owner}/{alias}/requests/{id}</c>.</summary>
    FalResult,

    /// <summary>fal queue cancel: <c>PUT {queue}/{owner}/{alias}/requests/{id}/cancel</c>.</summary>
    FalCancel,

    /// <summary>fal storage: <c>POST {rest}/storage/upload/initiate</c>.</summary>
    FalUploadInitiate,

    /// <summary>fal storage: <c>PUT</c> of the bytes to the <c>upload_url</c> the initiate call returned.</summary>
    FalUpload,

    /// <summary>A file the simulator serves (fal result images, uploads, <see cref="ImageGenSimulator.AddFile"/>): <c>GET /fal/files/{id}/{name}</c>.</summary>
    FalFile,

    /// <summary>fal platform API request history: <c>GET {platform}/models/requests/by-endpoint</c>.</summary>
    FalHistory,

    /// <summary>Gemini API: <c>POST /gemini/v1beta/models/{model}:generateContent</c>.</summary>
    GeminiGenerateContent,
}
