using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Tiergate.Core.Errors;
using Tiergate.Server.Gateway;
using Tiergate.Server.Http;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Proxy;

/// <summary>
/// Forwards one chat completion to its upstream and relays the answer. The caller's headers (and
/// so its Tiergate key) never reach the upstream; the upstream's credential and headers never reach
/// the caller. A client that disconnects cancels the upstream call; silence past the timeout ends it.
/// </summary>
public sealed partial class ChatProxy(TimeProvider time, ILogger<ChatProxy> logger)
{
    private const int MaxBufferedAnswerBytes = 32 * 1024 * 1024;

    /// <param name="variant">The variant the caller asked for: the <c>model</c> the caller sees in the answer, never the upstream's.</param>
    /// <param name="admission">The request's admission record: the first byte to the caller waits for it to be durable.</param>
    public async Task<ProxyOutcome> ForwardAsync(HttpContext context, UpstreamEndpoint endpoint, string variant, byte[] body, bool stream, bool keepUsageChunk, TimeSpan timeout, OutputScreening? screening, AdmissionGate admission)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(admission);

        // One source for both ends, the upstream's silence and the client's abort (one source and
        // registration a request instead of a linked pair); RequestAborted tells which one fired.
        using var silence = new CancellationTokenSource(timeout, time);
        using var abort = context.RequestAborted.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), silence);
        var token = silence.Token;

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.ChatCompletions) { Content = new ByteArrayContent(body) };

        // Constant, known-good values: added without the header parser's per-request work.
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("Accept", stream ? "text/event-stream" : "application/json");
        if (endpoint.Credential is { } credential)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        // The upstream works while the admission record commits; nothing is written to the caller, not even an
        // error, before the record is durable. If it cannot be made durable the call is cancelled and its answer,
        // if any came, is thrown away unread.
        var sending = endpoint.Client.SendAsync(request, token);
        if (!await admission.WaitAsync())
        {
            await silence.CancelAsync();
            await AbandonAsync(sending);
            return new ProxyOutcome(ProxyStatus.AuditUnavailable, null, 0);
        }

        HttpResponseMessage response;
        try
        {
            response = await sending;
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            return await FailBeforeAnswerAsync(context, silence, e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            try
            {
                if (status is < 200 or > 299)
                {
                    await RelayUpstreamErrorAsync(context, response, endpoint.Model, variant, token);
                    return new ProxyOutcome(ProxyStatus.UpstreamFailed, null, status);
                }

                var model = AnswerRewrite.ModelValue(variant);
                var (usage, output, unreadable) = stream && IsEventStream(response)
                    ? await RelayStreamAsync(context, response, keepUsageChunk, screening, model, silence, timeout, token)
                    : await RelayWholeAsync(context, response, screening, model, token);
                if (unreadable)
                {
                    // No answer text in the log: only that the upstream broke the protocol, and what the gateway did.
                    var passed = screening is not { CanBlock: true };
                    LogUpstreamUnreadable(logger, endpoint.ChatCompletions.Host, passed ? "passed on (tier cannot block)" : "withheld");
                    if (!passed)
                    {
                        return new ProxyOutcome(ProxyStatus.UpstreamFailed, usage, status, output);
                    }
                }

                return new ProxyOutcome(ProxyStatus.Completed, usage, status, output);
            }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException or InvalidDataException)
            {
                if (context.RequestAborted.IsCancellationRequested)
                {
                    return new ProxyOutcome(ProxyStatus.ClientGone, null, status);
                }

                var code = silence.IsCancellationRequested ? ErrorCodes.UpstreamTimeout : ErrorCodes.UpstreamError;
                LogUpstreamBroke(logger, endpoint.ChatCompletions.Host, code.Name);
                await EndBrokenAnswerAsync(context, code);
                return new ProxyOutcome(silence.IsCancellationRequested ? ProxyStatus.TimedOut : ProxyStatus.UpstreamFailed, null, status);
            }
        }
    }

    /// <summary>
    /// Ends an upstream call whose answer must not be sent (its admission record failed): a call still waiting is
    /// cancelled already; an answer that has begun is read no further, and the read cut short closes the connection,
    /// so the model server sees the abort at once instead of after a drain.
    /// </summary>
    private static async Task AbandonAsync(Task<HttpResponseMessage> sending)
    {
        HttpResponseMessage response;
        try
        {
            response = await sending;
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            return;
        }

        using (response)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(4096);
            try
            {
                await using var answer = await response.Content.ReadAsStreamAsync(CancellationToken.None);
                using var stop = new CancellationTokenSource();
                for (var discarded = 0L; discarded < MaxBufferedAnswerBytes;)
                {
                    // What has arrived already is discarded; the first read that would wait is cancelled.
                    var read = answer.ReadAsync(buffer, stop.Token);
                    if (!read.IsCompleted)
                    {
                        await stop.CancelAsync();
                    }

                    var count = await read;
                    if (count == 0)
                    {
                        return;
                    }

                    discarded += count;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
            {
                // Cancelled, as meant, or the connection was gone already.
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async Task<ProxyOutcome> FailBeforeAnswerAsync(HttpContext context, CancellationTokenSource silence, Exception e)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return new ProxyOutcome(ProxyStatus.ClientGone, null, 0);
        }

        if (silence.IsCancellationRequested)
        {
            await OpenAiError.WriteAsync(context, ErrorCodes.UpstreamTimeout, "The model server did not answer in time.");
            return new ProxyOutcome(ProxyStatus.TimedOut, null, 0);
        }

        LogUpstreamUnreachable(logger, e.GetType().Name);
        await OpenAiError.WriteAsync(context, ErrorCodes.UpstreamError, "The model server could not be reached.");
        return new ProxyOutcome(ProxyStatus.UpstreamFailed, null, 0);
    }

    private static async Task<(UpstreamUsage?, ScreeningOutcome, bool Unreadable)> RelayStreamAsync(HttpContext context, HttpResponseMessage response, bool keepUsageChunk, OutputScreening? screening, byte[] model, CancellationTokenSource silence, TimeSpan timeout, CancellationToken token)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await using var upstream = await response.Content.ReadAsStreamAsync(token);
        var relay = new StreamRelay(upstream, context.Response, keepUsageChunk, screening, model, () => silence.CancelAfter(timeout));
        await relay.RunAsync(token);
        return (relay.Usage, relay.Screening, relay.Unreadable);
    }

    /// <summary>
    /// Screens every text of the answer, and sends it with the variant's name as its model. An answer that
    /// is not a JSON completion is withheld (502 <c>upstream_invalid</c>) where the tier can block; where it
    /// can only flag, it is screened as text and passed on as it came, like on a tier that screens nothing.
    /// </summary>
    private static async Task<(UpstreamUsage?, ScreeningOutcome, bool Unreadable)> RelayWholeAsync(HttpContext context, HttpResponseMessage response, OutputScreening? screening, byte[] model, CancellationToken token)
    {
        var answer = await ReadLimitedAsync(response, token);
        var usage = UpstreamUsage.TryRead(answer, out var reported) ? reported : (UpstreamUsage?)null;
        var splices = new List<JsonSplice>();
        var texts = screening is null ? null : AnswerText.Of(answer, splices);
        var readable = screening is null ? new AnswerFields().TryRead(answer, null, splices, wholeAnswer: true) : texts is not null;
        if (!readable && screening is { CanBlock: true })
        {
            await OpenAiError.WriteAsync(context, ErrorCodes.UpstreamInvalid, "The model server's answer is not a chat completion.");
            return (usage, ScreeningOutcome.Clean, true);
        }

        var output = screening is null ? ScreeningOutcome.Clean
            : texts is null ? screening.Screen(Encoding.UTF8.GetString(answer))
            : AnswerText.Screen(texts, screening);
        if (!output.Blocked && screening?.Guard is { } guard)
        {
            // The guard model reads the answer once, all its texts together.
            var whole = texts is null ? Encoding.UTF8.GetString(answer) : string.Join("\n\n", texts.Where(t => t.Length > 0));
            output = ScreeningOutcome.Merge(output, await guard(whole, token));
            if (output.GuardUnavailable is not null && !output.Blocked)
            {
                await OpenAiError.WriteAsync(context, ErrorCodes.GuardUnavailable, "The answer was withheld: the tier's guard model could not judge it.");
                return (usage, output, !readable);
            }
        }

        if (output.Block is { } block)
        {
            await OpenAiError.WriteAsync(context, ErrorCodes.ContentBlocked, $"The answer was withheld: it touches '{block.Category}', which this tier blocks.", extra: OpenAiError.ContentBlockedFields(block.Category, "output"));
            return (usage, output, !readable);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
        if (!readable || splices.Count == 0)
        {
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer, token);
            return (usage, output, !readable);
        }

        var rewritten = new ArrayBufferWriter<byte>(answer.Length + model.Length);
        AnswerRewrite.WriteJson(rewritten, answer, splices, model);
        context.Response.ContentLength = rewritten.WrittenCount;
        await context.Response.Body.WriteAsync(rewritten.WrittenMemory, token);
        return (usage, output, false);
    }

    /// <summary>
    /// Errors about the request itself (400, 404, 422) pass through so clients see the model server's
    /// reason; credential problems and server failures become Tiergate's 502 so nothing upstream leaks.
    /// </summary>
    private static async Task RelayUpstreamErrorAsync(HttpContext context, HttpResponseMessage response, string upstreamModel, string variant, CancellationToken token)
    {
        var status = (int)response.StatusCode;
        if (status is 400 or 404 or 413 or 422)
        {
            // The model server's reason may name its model ("The model `x` does not exist"): the caller sees the variant.
            var body = ReplaceModelName(await ReadLimitedAsync(response, token), upstreamModel, variant);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(body, token);
            return;
        }

        if (status == 429)
        {
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            await OpenAiError.WriteAsync(context, ErrorCodes.RateLimited, "The model server is rate limiting; retry later.", wait);
            return;
        }

        await OpenAiError.WriteAsync(context, ErrorCodes.UpstreamError, $"The model server answered {status}.");
    }

    private static async Task EndBrokenAnswerAsync(HttpContext context, Core.Errors.ErrorCode code)
    {
        if (!context.Response.HasStarted)
        {
            await OpenAiError.WriteAsync(context, code, "The model server failed while answering.");
            return;
        }

        // Mid-stream the status is already sent: end with an error event and no [DONE].
        try
        {
            var payload = OpenAiError.Serialize(code, "The model server failed while answering.");
            await context.Response.Body.WriteAsync("data: "u8.ToArray());
            await context.Response.Body.WriteAsync(payload);
            await context.Response.Body.WriteAsync("\n\n"u8.ToArray());
            await context.Response.Body.FlushAsync();
        }
        catch (IOException)
        {
            // The client is gone as well.
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, CancellationToken token)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(token);
        return await BoundedRead.ReadAllAsync(stream, MaxBufferedAnswerBytes, response.Content.Headers.ContentLength, token)
            ?? throw new InvalidDataException("The upstream answer exceeded the size limit.");
    }

    private static byte[] ReplaceModelName(byte[] body, string upstreamModel, string variant)
    {
        var name = Encoding.UTF8.GetBytes(upstreamModel);
        if (name.Length == 0 || body.AsSpan().IndexOf(name) < 0)
        {
            return body;
        }

        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace(upstreamModel, variant, StringComparison.Ordinal));
    }

    private static bool IsEventStream(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is not { } type || type == "text/event-stream";

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Upstream unreachable ({Failure})")]
    private static partial void LogUpstreamUnreachable(ILogger logger, string failure);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Upstream {Host} sent an answer that is not a chat completion; {Handling}")]
    private static partial void LogUpstreamUnreadable(ILogger logger, string host, string handling);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Upstream {Host} broke off an answer ({Code})")]
    private static partial void LogUpstreamBroke(ILogger logger, string host, string code);
}
