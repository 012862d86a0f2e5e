#region azure-entra
using Pikumo.ImageGen;
using Pikumo.ImageGen.Transports.Azure;

var options = new ImageGenOptions { Provider = ImageProvider.AzureOpenAI };
options.Azure.Endpoint = new Uri("https://my-resource.openai.azure.com/");
options.Azure.Deployment = "gpt-image-2";
options.Azure.TokenProvider = async cancellationToken =>
{
    // With Azure.Identity:
    //   var token = await new DefaultAzureCredential().GetTokenAsync(new TokenRequestContext([AzureOpenAIProviderOptions.TokenScope]), cancellationToken);
    //   return new AzureAccessToken(token.Token, token.ExpiresOn);
    string token = await File.ReadAllTextAsync("/run/secrets/entra-token", cancellationToken);   // any source of a token for TokenScope
    return new AzureAccessToken(token.Trim(), DateTimeOffset.UtcNow.AddMinutes(5));
};
using var client = new ImageGenClient(options);
#endregion
