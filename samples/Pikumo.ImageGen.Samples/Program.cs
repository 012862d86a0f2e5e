using Pikumo.ImageGen.Samples;

// dotnet run --project samples/Pikumo.ImageGen.Samples -- --help
return await SamplesCli.InvokeAsync(args);
