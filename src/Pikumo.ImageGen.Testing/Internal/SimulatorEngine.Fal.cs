using System.Globalization;
using System.Text.Json;
using Pikumo.ImageGen.Testing.Imaging;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>fal.ai: sync runs, the queue (submit, status, result, cancel), storage uploads and the files the simulator serves.</summary>
internal sealed partial class SimulatorEngine
{
    /// <summary>The fal endpoints simulated: endpoint id → operation and model.</summary>
    private static readonly Dictionary<string, (ImageOperation Operation, string Model)> FalEndpoints = new(StringComparer.Ordinal)
    {
        ["openai/gpt-image-2/edit"] = (ImageOperation.Edit, "gpt-image-2"),
        ["openai/gpt-image-2"] = (ImageOperation.Generate, "gpt-image-2"),
    };

    /// <summary>fal's <c>image_size</c> presets, in pixels (the usual meaning; how fal maps them for gpt-image-2 is unverified).</summary>
    private static readonly Dictionary<string, ImageSize> FalPresets = new(StringComparer.Ordinal)
    {
        ["square_hd"] = ImageSize.Square1024,
        ["square"] = new(512, 512),
        ["portrait_4_3"] = new(768, 1024),
        ["portrait_16_9"] = new(576, 1024),
        ["landscape_4_3"] = new(1024, 768),
        ["landscape_16_9"] = new(1024, 576),
    };

    private async Task<SimulatorResponse> HandleFalAsync(SimulatorRequest request, RouteMatch route, ParsedBody body, RecordedRequest record, CancellationToken cancellationToken)
    {
        if (route.Route == SimulatorRoute.Unknown)
        {
            return FalDetailText(404, "Not Found");
        }

        if (route.Route is SimulatorRoute.FalFile or SimulatorRoute.FalUpload)
        {
            return await StorageAsync(request, route, record, cancellationToken).ConfigureAwait(false);
        }

        var authorization = request.Header("Authorization");
        if (authorization != "Key " + Options.FalApiKey)
        {
            return FalDetailText(401, string.IsNullOrWhiteSpace(authorization)
                ? "Missing Authorization header; send 'Authorization: Key <FAL_KEY>'."
                : "Invalid key in the Authorization header.");
        }

        var response = route.Route switch
        {
            SimulatorRoute.FalRun => await RunAsync(request, route, body, record, cancellationToken).ConfigureAwait(false),
            SimulatorRoute.FalSubmit => await SubmitAsync(request, route, body, record, cancellationToken).ConfigureAwait(false),
            SimulatorRoute.FalUploadInitiate => InitiateUpload(request, body, record),
            SimulatorRoute.FalHistory => History(record),
            _ => await QueueCallAsync(request, route, record, cancellationToken).ConfigureAwait(false),
        };
        if (record.FalRequestId is { } id)
        {
            response.With("x-fal-request-id", id);
        }

        return response;
    }

    /// <summary><c>POST fal.run/{endpoint}</c>: validate, run for the simulated latency, answer the output.</summary>
    private async Task<SimulatorResponse> RunAsync(SimulatorRequest request, RouteMatch route, ParsedBody body, RecordedRequest record, CancellationToken cancellationToken)
    {
        var id = Ids.Guid(Seed, record.Index, "fal");
        record.FalRequestId = id;
        if (!FalEndpoints.ContainsKey(route.FalEndpoint!) && !FalModelSchema.All.ContainsKey(route.FalEndpoint!))
        {
            return FalDetailText(404, $"Endpoint '{route.FalEndpoint}' is not simulated; try {string.Join(", ", FalEndpoints.Keys.Concat(FalModelSchema.All.Keys))}.");
        }

        var fault = NextFault(record);
        if (fault is not null && await ImmediateFaultAsync(fault, ImageProvider.Fal, id, cancellationToken).ConfigureAwait(false) is { } faulted)
        {
            return faulted;
        }

        var errors = FalModelSchema.All.TryGetValue(route.FalEndpoint!, out var schema) ? ValidateFalModel(schema, body, out var job) : ValidateFal(route.FalEndpoint!, body, out job);
        if (errors.Count > 0)
        {
            return FalValidation(422, errors);
        }

        var latency = ImageFactory.Latency(job!, Options);
        var wait = DelayAsync(latency, cancellationToken);
        record.SimulatedLatency = latency;
        await wait.ConfigureAwait(false);
        var response = fault?.Kind == SimulatedFaultKind.FalJobFails ? FalFailure(fault) : SimulatorResponse.Json(200, FalOutput(job!, id, request.Origin, record));
        return ApplyBodyFault(response, fault);
    }

    /// <summary><c>POST queue.fal.run/{endpoint}</c>: the job is queued whatever its input (fal validates when it runs); the answer carries the URLs to poll.</summary>
    private async Task<SimulatorResponse> SubmitAsync(SimulatorRequest request, RouteMatch route, ParsedBody body, RecordedRequest record, CancellationToken cancellationToken)
    {
        var id = Ids.Guid(Seed, record.Index, "fal");
        record.FalRequestId = id;
        if (!FalEndpoints.ContainsKey(route.FalEndpoint!) && !FalModelSchema.All.ContainsKey(route.FalEndpoint!))
        {
            return FalDetailText(404, $"Endpoint '{route.FalEndpoint}' is not simulated; try {string.Join(", ", FalEndpoints.Keys.Concat(FalModelSchema.All.Keys))}.");
        }

        var fault = NextFault(record);
        var jobFault = fault?.Kind is SimulatedFaultKind.ContentPolicy or SimulatedFaultKind.FalJobFails or SimulatedFaultKind.FalJobNeverCompletes ? fault : null;
        if (fault is not null && jobFault is null && await ImmediateFaultAsync(fault, ImageProvider.Fal, id, cancellationToken).ConfigureAwait(false) is { } faulted)
        {
            return faulted;
        }

        if (body.Problem is { } problem)
        {
            return FalValidation(422, [new FalDetail(["body"], problem, "json_invalid")]);
        }

        var errors = FalModelSchema.All.TryGetValue(route.FalEndpoint!, out var schema) ? ValidateFalModel(schema, body, out var work) : ValidateFal(route.FalEndpoint!, body, out work);
        var now = Time.GetUtcNow();
        Func<SimulatorResponse>? failure = errors.Count > 0 ? () => FalValidation(422, errors)
            : jobFault?.Kind == SimulatedFaultKind.ContentPolicy ? () => ContentPolicyAnswer(jobFault, ImageProvider.Fal, id)
            : jobFault?.Kind == SimulatedFaultKind.FalJobFails ? () => FalFailure(jobFault)
            : null;
        var job = new FalJob
        {
            Id = id,
            App = route.FalApp!,
            Origin = request.Origin,
            Endpoint = route.FalEndpoint!,
            StoredInput = request.Header("X-Fal-Store-IO") is "0" or "false" ? null : body.Json?.RootElement.GetRawText(),
            SubmittedAt = now,
            QueueWait = Scaled(Options.FalQueueWait),
            RunTime = errors.Count > 0 ? Scaled(TimeSpan.FromSeconds(1)) : ImageFactory.Latency(work!, Options),
            Ahead = Math.Max(0, Options.FalQueueAhead),
            Job = errors.Count > 0 ? null : work,
            Failure = failure,
            FailureText = errors.Count > 0 ? $"{errors.Count} validation error(s): {errors[0].Msg}" : jobFault?.Kind == SimulatedFaultKind.ContentPolicy ? "content policy violation" : jobFault?.Message,
            NeverCompletes = jobFault?.Kind == SimulatedFaultKind.FalJobNeverCompletes,
        };
        _falJobs[id] = job;
        record.SimulatedLatency = job.QueueWait + job.RunTime;
        var response = SimulatorResponse.Json(200, JsonBody.Object(w =>
        {
            w.WriteString("status", "IN_QUEUE");
            w.WriteString("request_id", id);
            w.WriteString("response_url", job.ResponseUrl);
            w.WriteString("status_url", job.StatusUrl);
            w.WriteString("cancel_url", job.CancelUrl);
            w.WriteNumber("queue_position", job.QueuePosition(now, OwnJobsAhead(job, now)));
        }));
        return ApplyBodyFault(response, fault == jobFault ? null : fault);
    }

    /// <summary>Status, result and cancel of a queued job.</summary>
    private async Task<SimulatorResponse> QueueCallAsync(SimulatorRequest request, RouteMatch route, RecordedRequest record, CancellationToken cancellationToken)
    {
        if (!_falJobs.TryGetValue(route.FalRequestId!, out var job) || !string.Equals(job.App, route.FalApp, StringComparison.Ordinal))
        {
            return route.Route == SimulatorRoute.FalCancel
                ? SimulatorResponse.Json(404, JsonBody.Object(w => w.WriteString("status", "NOT_FOUND")))
                : FalDetailText(404, $"Request '{route.FalRequestId}' not found.");
        }

        var fault = NextFault(record);
        if (fault is not null && await ImmediateFaultAsync(fault, ImageProvider.Fal, job.Id, cancellationToken).ConfigureAwait(false) is { } faulted)
        {
            return faulted;
        }

        var now = Time.GetUtcNow();
        var phase = job.Phase(now);
        var response = route.Route switch
        {
            SimulatorRoute.FalStatus => Status(job, phase, now, record.Query("logs") is "1" or "true"),
            SimulatorRoute.FalCancel => Cancel(job, phase, now),
            _ => phase != FalPhase.Completed ? FalDetailText(400, "Request is still in progress.")
                : job.CancelledAt is not null ? FalDetailText(400, "Request was cancelled.")
                : job.Failure is { } failure ? failure()
                : SimulatorResponse.Json(200, job.Output(() => FalOutput(job.Job!, job.Id, request.Origin, record))),
        };
        return ApplyBodyFault(response, fault);
    }

    private SimulatorResponse Status(FalJob job, FalPhase phase, DateTimeOffset now, bool logs) =>
        SimulatorResponse.Json(phase == FalPhase.Completed ? 200 : 202, JsonBody.Object(w =>
        {
            w.WriteString("status", phase switch
            {
                FalPhase.InQueue => "IN_QUEUE",
                FalPhase.InProgress => "IN_PROGRESS",
                _ => "COMPLETED",
            });
            w.WriteString("request_id", job.Id);
            w.WriteString("response_url", job.ResponseUrl);
            w.WriteString("status_url", job.StatusUrl);
            w.WriteString("cancel_url", job.CancelUrl);
            if (phase == FalPhase.InQueue)
            {
                w.WriteNumber("queue_position", job.QueuePosition(now, OwnJobsAhead(job, now)));
                return;
            }

            w.WriteStartArray("logs");
            if (logs)
            {
                Log(w, job.SubmittedAt + job.QueueWait, $"Running {job.App} on a simulated runner.");
                if (phase == FalPhase.Completed)
                {
                    Log(w, now, job.CancelledAt is not null ? "Cancelled." : job.Failure is null ? "Done." : "Failed.");
                }
            }

            w.WriteEndArray();
            if (phase == FalPhase.Completed)
            {
                w.WriteStartObject("metrics");
                w.WriteNumber("inference_time", Math.Round(job.RunTime.TotalSeconds, 3));
                w.WriteEndObject();
                if (job.CancelledAt is not null || job.Failure is not null)
                {
                    w.WriteString("error", job.CancelledAt is not null ? "Request was cancelled." : job.FailureText);
                    w.WriteString("error_type", job.CancelledAt is not null ? "request_cancelled" : "runner_error");
                }
            }
        }));

    private static void Log(Utf8JsonWriter w, DateTimeOffset at, string message)
    {
        w.WriteStartObject();
        w.WriteString("message", message);
        w.WriteString("level", "INFO");
        w.WriteString("source", "user");
        w.WriteString("timestamp", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    private static SimulatorResponse Cancel(FalJob job, FalPhase phase, DateTimeOffset now)
    {
        if (phase == FalPhase.Completed)
        {
            return SimulatorResponse.Json(400, JsonBody.Object(w => w.WriteString("status", "ALREADY_COMPLETED")));
        }

        job.Cancel(now);
        return phase == FalPhase.InQueue
            ? SimulatorResponse.Json(200, JsonBody.Object(w => w.WriteString("status", "OK")))
            : SimulatorResponse.Json(202, JsonBody.Object(w => w.WriteString("status", "CANCELLATION_REQUESTED")));
    }

    private int OwnJobsAhead(FalJob job, DateTimeOffset now) =>
        _falJobs.Values.Count(other => other.SubmittedAt < job.SubmittedAt && other.Phase(now) == FalPhase.InQueue);

    /// <summary><c>POST rest.fal.ai/storage/upload/initiate</c>: hands out an upload URL and the file URL it will be served at.</summary>
    private SimulatorResponse InitiateUpload(SimulatorRequest request, ParsedBody body, RecordedRequest record)
    {
        var id = Ids.Guid(Seed, record.Index, "upload");
        var contentType = Text(body, "content_type") ?? "application/octet-stream";
        var fileName = Text(body, "file_name") ?? "upload.bin";
        _pendingUploads[id] = new StoredFile(default, contentType, fileName);
        return SimulatorResponse.Json(200, JsonBody.Object(w =>
        {
            w.WriteString("upload_url", new Uri(request.Origin, RouteMatch.FalUploadPrefix + id).AbsoluteUri);
            w.WriteString("file_url", FileStore.UrlOf(request.Origin, id, fileName).AbsoluteUri);
        }));
    }

    /// <summary>The upload <c>PUT</c> (no fal key: the URL is the authorisation) and file downloads (public).</summary>
    private async Task<SimulatorResponse> StorageAsync(SimulatorRequest request, RouteMatch route, RecordedRequest record, CancellationToken cancellationToken)
    {
        var fault = NextFault(record);
        if (fault is not null && await ImmediateFaultAsync(fault, ImageProvider.Fal, string.Empty, cancellationToken).ConfigureAwait(false) is { } faulted)
        {
            return faulted;
        }

        if (route.Route == SimulatorRoute.FalUpload)
        {
            if (!_pendingUploads.TryRemove(route.FileId!, out var pending))
            {
                return FalDetailText(404, "Unknown upload URL.");
            }

            Files.Add(request.Origin, route.FileId!, pending with { Data = request.Body, ContentType = request.Header("Content-Type") ?? pending.ContentType });
            return SimulatorResponse.Json(200, JsonBody.Object(_ => { }));
        }

        if (!Files.TryGet(route.FileId!, out var file))
        {
            return SimulatorResponse.Text(404, "Not Found");
        }

        var response = new SimulatorResponse { Body = file.Data, ContentType = file.ContentType };
        return ApplyBodyFault(response, fault);
    }

    /// <summary>The output JSON: <c>images[]</c> with URLs on the simulator's own file route (or <c>data:</c> URIs with <c>sync_mode</c>).</summary>
    private byte[] FalOutput(ImageJob job, string requestId, Uri origin, RecordedRequest record) => JsonBody.Object(w =>
    {
        w.WriteStartArray("images");
        for (var i = 0; i < job.Count; i++)
        {
            var png = FinalImage(job, i, record);
            var fileName = string.Create(CultureInfo.InvariantCulture, $"{requestId[..8]}_{i}.png");
            var url = job.SyncMode
                ? "data:image/png;base64," + Convert.ToBase64String(png)
                : Files.Add(origin, string.Create(CultureInfo.InvariantCulture, $"{requestId}-{i}"), new StoredFile(png, "image/png", fileName)).AbsoluteUri;
            w.WriteStartObject();
            w.WriteString("url", url);
            w.WriteString("content_type", "image/png");
            w.WriteString("file_name", fileName);
            w.WriteNumber("file_size", png.Length);
            w.WriteNumber("width", job.Size.Width);
            w.WriteNumber("height", job.Size.Height);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        FalModelOutput(w, job);
    });

    private static SimulatorResponse FalFailure(SimulatedFault fault) => (int)fault.StatusCode == 422
        ? FalValidation(422, [new FalDetail(["body"], fault.Message!, "runner_error")])
        : SimulatorResponse.Json((int)fault.StatusCode, JsonBody.Object(w =>
        {
            w.WriteString("detail", fault.Message);
            w.WriteString("error_type", "internal_error");
        })).With("X-Fal-Error-Type", "internal_error");

    private static SimulatorResponse FalInfrastructureError(int status)
    {
        var (type, detail) = status switch
        {
            502 => ("runner_disconnected", "The runner disconnected."),
            503 => ("runner_scheduling_failure", "No runner could be scheduled."),
            504 => ("request_timeout", "Request timed out"),
            _ => ("internal_error", "Internal server error"),
        };
        return SimulatorResponse.Json(status, JsonBody.Object(w =>
        {
            w.WriteString("detail", detail);
            w.WriteString("error_type", type);
        })).With("X-Fal-Error-Type", type);
    }

    private static SimulatorResponse FalDetailText(int status, string detail) =>
        SimulatorResponse.Json(status, JsonBody.Object(w => w.WriteString("detail", detail)));

    private static SimulatorResponse FalValidation(int status, IReadOnlyList<FalDetail> details) =>
        SimulatorResponse.Json(status, JsonBody.Object(w =>
        {
            w.WriteStartArray("detail");
            foreach (var detail in details)
            {
                w.WriteStartObject();
                w.WriteStartArray("loc");
                foreach (var part in detail.Loc)
                {
                    if (part is int index)
                    {
                        w.WriteNumberValue(index);
                    }
                    else
                    {
                        w.WriteStringValue(part.ToString());
                    }
                }

                w.WriteEndArray();
                w.WriteString("msg", detail.Msg);
                w.WriteString("type", detail.Type);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
}
