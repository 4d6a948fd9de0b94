using System.Net.Http.Headers;
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

    public async Task<ProxyOutcome> ForwardAsync(HttpContext context, UpstreamEndpoint endpoint, byte[] body, bool stream, bool keepUsageChunk, TimeSpan timeout, OutputScreening? screening)
    {
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

        HttpResponseMessage response;
        try
        {
            response = await endpoint.Client.SendAsync(request, token);
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
                    await RelayUpstreamErrorAsync(context, response, token);
                    return new ProxyOutcome(ProxyStatus.UpstreamFailed, null, status);
                }

                var (usage, output) = stream && IsEventStream(response)
                    ? await RelayStreamAsync(context, response, keepUsageChunk, screening, silence, timeout, token)
                    : await RelayWholeAsync(context, response, screening, token);
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

    private static async Task<(UpstreamUsage?, ScreeningOutcome)> RelayStreamAsync(HttpContext context, HttpResponseMessage response, bool keepUsageChunk, OutputScreening? screening, CancellationTokenSource silence, TimeSpan timeout, CancellationToken token)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await using var upstream = await response.Content.ReadAsStreamAsync(token);
        var relay = new StreamRelay(upstream, context.Response, keepUsageChunk, screening, () => silence.CancelAfter(timeout));
        await relay.RunAsync(token);
        return (relay.Usage, relay.Screening);
    }

    private static async Task<(UpstreamUsage?, ScreeningOutcome)> RelayWholeAsync(HttpContext context, HttpResponseMessage response, OutputScreening? screening, CancellationToken token)
    {
        var answer = await ReadLimitedAsync(response, token);
        var usage = UpstreamUsage.TryRead(answer, out var reported) ? reported : (UpstreamUsage?)null;
        var output = screening is null ? ScreeningOutcome.Clean : screening.Screen(AnswerText.Of(answer));
        if (output.Block is { } block)
        {
            await OpenAiError.WriteAsync(context, ErrorCodes.ContentBlocked, $"The answer was withheld: it touches '{block.Category}', which this tier blocks.", extra: OpenAiError.ContentBlockedFields(block.Category, "output"));
            return (usage, output);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, token);
        return (usage, output);
    }

    /// <summary>
    /// Errors about the request itself (400, 404, 422) pass through so clients see the model server's
    /// reason; credential problems and server failures become Tiergate's 502 so nothing upstream leaks.
    /// </summary>
    private static async Task RelayUpstreamErrorAsync(HttpContext context, HttpResponseMessage response, CancellationToken token)
    {
        var status = (int)response.StatusCode;
        if (status is 400 or 404 or 413 or 422)
        {
            var body = await ReadLimitedAsync(response, token);
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

    private static bool IsEventStream(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is not { } type || type == "text/event-stream";

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Upstream unreachable ({Failure})")]
    private static partial void LogUpstreamUnreachable(ILogger logger, string failure);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Upstream {Host} broke off an answer ({Code})")]
    private static partial void LogUpstreamBroke(ILogger logger, string host, string code);
}
