using System.Text;
using Pikumo.ImageGen.Testing.Imaging;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>The final images of an answer: drawn, marked when <see cref="SimulatorOptions.ProvenanceMarker"/> is on, and recorded as sent.</summary>
internal sealed partial class SimulatorEngine
{
    private byte[] FinalImage(ImageJob job, int variant, RecordedRequest record, Raster? raster = null)
    {
        var png = Identity(job, variant, record) is { } identity
            ? WithIdentity(raster ?? ImageFactory.Render(job, identity.RenderVariant, Seed), job.Layout, identity)
            : ImageFactory.Png(raster ?? ImageFactory.Render(job, variant, Seed), block: 1);
        if (Options.ProvenanceMarker)
        {
            png = ProvenanceMarker.Add(png, Encoding.UTF8.GetString(JsonBody.Object(w =>
            {
                w.WriteString("marker", "pikumo-simulator");
                w.WriteBoolean("signed", false);
                w.WriteString("note", "a test marker, not a C2PA manifest");
                w.WriteNumber("request", record.Index);
                w.WriteNumber("image", variant);
                w.WriteString("model", job.Model);
            })));
        }

        Recorder.AddSent(new SentImage(record.Index, variant, png));
        return png;
    }
}
