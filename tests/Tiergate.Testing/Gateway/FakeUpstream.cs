using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tiergate.Testing.Gateway;

/// <summary>
/// A model server on loopback that speaks OpenAI's chat completions wire protocol, streamed and
/// not, and records what it was sent. Stands in for vLLM or a hosted API.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeUpstream(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Status to answer with instead of a completion (0: answer normally).</summary>
    public int FailWithStatus { get; set; }

    /// <summary>Delay before answering at all.</summary>
    public TimeSpan DelayBeforeHeaders { get; set; }

    /// <summary>When set, a stream sends its first chunk and then waits for this before the rest.</summary>
    public TaskCompletionSource? HoldStreamAfterFirstChunk { get; set; }

    /// <summary>Words of every answer.</summary>
    public string Answer { get; set; } = "Hello from the fake upstream";

    /// <summary>Streams JSON with a space after each colon and comma, as some model servers write it.</summary>
    public bool SpaceAfterColons { get; set; }

    public int CancelledRequests => _cancelled;

    private int _cancelled;

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new FakeUpstream(app);
        app.MapPost("/v1/chat/completions", upstream.HandleAsync);
        await app.StartAsync();
        upstream.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1";
        return upstream;
    }

    private async Task HandleAsync(HttpContext context)
    {
        context.RequestAborted.Register(() => Interlocked.Increment(ref _cancelled));
        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
        Requests.Enqueue(new RecordedRequest(context.Request.Headers.Authorization.ToString(), context.Request.Headers.Keys.ToList(), body));
        if (DelayBeforeHeaders > TimeSpan.Zero)
        {
            await Task.Delay(DelayBeforeHeaders, context.RequestAborted);
        }

        if (FailWithStatus != 0)
        {
            context.Response.StatusCode = FailWithStatus;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "upstream secret detail: sk-upstream", type = "server_error" } });
            return;
        }

        var model = (string)body["model"]!;
        var words = Answer.Split(' ');
        var usage = new JsonObject { ["prompt_tokens"] = 7, ["completion_tokens"] = words.Length, ["total_tokens"] = 7 + words.Length };
        if ((bool?)body["stream"] != true)
        {
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = "chatcmpl-fake",
                ["object"] = "chat.completion",
                ["created"] = 1,
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = Answer }, ["finish_reason"] = "stop" }),
                ["usage"] = usage,
            });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        for (var i = 0; i < words.Length; i++)
        {
            var delta = new JsonObject { ["content"] = (i == 0 ? "" : " ") + words[i] };
            await SendAsync(context, Chunk(model, delta, null));
            if (i == 0 && HoldStreamAfterFirstChunk is { } hold)
            {
                await hold.Task.WaitAsync(context.RequestAborted);
            }
        }

        await SendAsync(context, Chunk(model, [], "stop"));
        if ((bool?)body["stream_options"]?["include_usage"] == true)
        {
            await SendAsync(context, new JsonObject { ["id"] = "chatcmpl-fake", ["object"] = "chat.completion.chunk", ["created"] = 1, ["model"] = model, ["choices"] = new JsonArray(), ["usage"] = usage }.ToJsonString());
        }

        await SendAsync(context, "[DONE]");
    }

    private static string Chunk(string model, JsonObject delta, string? finish) => new JsonObject
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    }.ToJsonString();

    private async Task SendAsync(HttpContext context, string data)
    {
        // Another server's spacing ("usage": {...}): valid JSON the gateway must read the same way.
        data = SpaceAfterColons ? data.Replace("\":", "\": ", StringComparison.Ordinal).Replace(",\"", ", \"", StringComparison.Ordinal) : data;
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"data: {data}\n\n"), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record RecordedRequest(string Authorization, IReadOnlyList<string> HeaderNames, JsonObject Body);
