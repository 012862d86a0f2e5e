#region report-modes
using Pikumo.ImageGen;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Reporting;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
var request = new ImageEditRequest("Mia drinks her morning coffee", ImageInput.FromFile("mia.png")) { Quality = ImageQuality.Low };
TierPlan planned = new SequencePlanner(client.Options.Prices).PlanCall(request, client.ProviderName);
ImageResult result = await client.EditAsync(request);
IReadOnlyList<string> saved = await result.SaveAllAsync("out/report-files", "mode-a");

var report = new ComparisonReport
{
    Directory = "out",
    Title = "My tries",
    Notes = ["low quality, one reference"],
    Entries =   // per try on each target: images, planned TierPlan, actual TierPlan
    [
        new ComparisonEntry
        {
            Name = "A single scene",
            Target = $"{client.ProviderName} {result.Model}",
            Images = [.. saved.Select(path => Path.GetRelativePath("out", path))],
            Planned = planned,
            Actual = new TierPlan { Calls = 1, Images = result.Images.Count, CostUsd = result.Cost?.Usd ?? 0m, WallClock = result.Elapsed },
            RequestId = result.RequestId,
        },
    ],
};
string page = await report.WriteAsync("report.html");            // out/report.html
if (report.Targets.Count > 1)
{
    await report.WriteSideBySideAsync("report-compare.html");    // the tries as rows, the targets as columns
}
#endregion
