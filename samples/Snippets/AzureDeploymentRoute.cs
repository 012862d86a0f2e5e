#region azure-deployment-route
using Pikumo.ImageGen;
using Pikumo.ImageGen.Transports.Azure;

var options = new ImageGenOptions { Provider = ImageProvider.AzureOpenAI };   // the key comes from AZURE_OPENAI_API_KEY
options.Azure.Endpoint = new Uri("https://my-resource.openai.azure.com/");
options.Azure.Route = AzureOpenAIRoute.Deployment;      // /openai/deployments/{Deployment}/images/edits?api-version=...
options.Azure.Deployment = "story-images";
options.Azure.ApiVersion = "2025-04-01-preview";        // the first with image edits; older ones answer 404
options.ModelAliases["story-images"] = "gpt-image-2";   // capabilities and prices of the model behind the deployment
using var client = new ImageGenClient(options);
#endregion
