namespace Pikumo.ImageGen.Transports.Azure;

/// <summary>Which Azure OpenAI route requests take.</summary>
public enum AzureOpenAIRoute
{
    /// <summary><c>{Endpoint}/openai/v1/images/edits</c>, model = deployment name; <c>api-version</c> optional. The default.</summary>
    V1,

    /// <summary><c>{Endpoint}/openai/deployments/{Deployment}/images/edits?api-version=…</c>; edits need 2025-04-01-preview or later.</summary>
    Deployment,
}
