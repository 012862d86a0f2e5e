#region face-similarity-judge
using System.Net.Http.Json;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Sequences.Judging;

// Plug it in: best of four images per frame, and a frame whose faces score under 0.75 is rolled again.
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
var judging = new FrameJudging(new FaceSimilarityJudge(http, new Uri("http://127.0.0.1:5005/similarity")))
{
    Variants = 4,
    MinimumScore = 0.75,
    MaxRerolls = 2,
};
Console.WriteLine($"{nameof(SequenceRequest.Judging)}: {judging.Judge.Name}, best of {judging.Variants}, re-roll under {judging.MinimumScore}");

/// <summary>
/// Scores a frame by how alike the faces in it are to the subject photos that went up with it, using a face-similarity
/// service you run (an internal API over a face-embedding model, or a cloud face-verification endpoint).
/// </summary>
public sealed class FaceSimilarityJudge(HttpClient http, Uri endpoint) : IFrameJudge
{
    public string Name => "face-similarity";

    public async ValueTask<FrameJudgement> JudgeAsync(FrameJudgingContext context, CancellationToken cancellationToken)
    {
        var worst = double.MaxValue;
        foreach (var reference in context.References.Where(r => !r.IsContinuity))   // the subjects' photos, not the chained frame
        {
            using var form = new MultipartFormDataContent
            {
                { new ReadOnlyMemoryContent(context.Image.Data), "frame", "frame.png" },
                { new ReadOnlyMemoryContent(await reference.ReadAsync(cancellationToken)), "reference", "reference.png" },
            };
            using var response = await http.PostAsync(endpoint, form, cancellationToken);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<Similarity>(cancellationToken);
            if (answer is { FaceFound: false })
            {
                continue;   // a beat without this face (a creature, a prop): nothing to compare
            }

            worst = Math.Min(worst, answer?.Score ?? 0);
        }

        return worst == double.MaxValue
            ? FrameJudgement.Accept("no face to compare")
            : FrameJudgement.Scored(worst, $"least similar face {worst:0.00}");   // FrameJudging.MinimumScore turns a low score into a re-roll
    }

    private sealed record Similarity(double Score, bool FaceFound);
}
#endregion
