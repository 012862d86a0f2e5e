#region testing-package
using Pikumo.ImageGen;
using Pikumo.ImageGen.Testing;

var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
using var client = simulator.CreateClient(ImageProvider.OpenAI);
simulator.Faults.OnImageCalls(SimulatedFault.RateLimit(TimeSpan.FromSeconds(1)), times: 1);   // the next call gets a 429 first
ImageResult result = await client.GenerateAsync(new ImageGenerateRequest { Prompt = "a red kite" });
#endregion
