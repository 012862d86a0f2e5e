using System.Globalization;
using System.Text;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>
/// fal's platform API request history, <c>GET /v1/models/requests/by-endpoint</c>, as its reference page describes it:
/// <c>endpoint_id</c> (required), <c>start</c> (ISO 8601; default 24 hours ago), <c>end</c>, <c>limit</c> (1–100,
/// default 50), <c>cursor</c> (base64 of the page number), <c>expand=payloads</c> for <c>json_input</c>; items carry
/// <c>request_id</c>, <c>endpoint_id</c>, <c>sent_at</c>, <c>started_at</c>, <c>ended_at</c>, <c>status_code</c>,
/// <c>duration</c>; the page <c>next_cursor</c> and <c>has_more</c>. The page does not say whether running requests
/// are listed, so the simulator lists only requests that ended (the cautious reading), newest end first.
/// </summary>
internal sealed partial class SimulatorEngine
{
    private SimulatorResponse History(RecordedRequest record)
    {
        var endpoint = record.Query("endpoint_id");
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return FalValidation(422, [new FalDetail(["query", "endpoint_id"], "Field required", "missing")]);
        }

        var now = Time.GetUtcNow();
        if (!TryInstant(record.Query("start"), now - TimeSpan.FromHours(24), out var start) || !TryInstant(record.Query("end"), now, out var end))
        {
            return FalValidation(422, [new FalDetail(["query", "start"], "Input should be a valid datetime", "datetime_parsing")]);
        }

        var limit = int.TryParse(record.Query("limit") ?? "50", NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : -1;
        if (limit is < 1 or > 100)
        {
            return FalValidation(422, [new FalDetail(["query", "limit"], "Input should be less than or equal to 100", "less_than_equal")]);
        }

        var page = record.Query("cursor") is { } cursor && int.TryParse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)), CultureInfo.InvariantCulture, out var p) ? p : 0;
        var payloads = record.Query("expand")?.Split(',').Contains("payloads", StringComparer.Ordinal) == true;
        var ended = _falJobs.Values
            .Where(j => string.Equals(j.Endpoint, endpoint, StringComparison.Ordinal) && j.EndedAt(now) is { } e && e >= start && e < end)
            .OrderByDescending(j => j.EndedAt(now))
            .ToArray();
        var items = ended.Skip(page * limit).Take(limit).ToArray();
        var more = (page + 1) * limit < ended.Length;
        return SimulatorResponse.Json(200, JsonBody.Object(w =>
        {
            w.WriteStartArray("items");
            foreach (var job in items)
            {
                var endedAt = job.EndedAt(now)!.Value;
                w.WriteStartObject();
                w.WriteString("request_id", job.Id);
                w.WriteString("endpoint_id", job.Endpoint);
                w.WriteString("sent_at", job.SubmittedAt);
                w.WriteString("started_at", job.SubmittedAt + job.QueueWait);
                w.WriteString("ended_at", endedAt);
                w.WriteNumber("status_code", job.CancelledAt is not null ? 499 : job.Failure is not null ? 500 : 200);
                w.WriteNumber("duration", (endedAt - job.SubmittedAt).TotalSeconds);
                if (payloads)
                {
                    if (job.StoredInput is { } input)
                    {
                        w.WritePropertyName("json_input");
                        w.WriteRawValue(input, skipInputValidation: true);
                    }
                    else
                    {
                        w.WriteNull("json_input");
                    }
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.StringOrNull("next_cursor", more ? Convert.ToBase64String(Encoding.UTF8.GetBytes((page + 1).ToString(CultureInfo.InvariantCulture))) : null);
            w.WriteBoolean("has_more", more);
        }));
    }

    private static bool TryInstant(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        value = fallback;
        return text is null || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
