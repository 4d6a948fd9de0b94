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

    /// <summary>Set once a stream has sent its first chunk and begun to wait for <see cref="HoldStreamAfterFirstChunk"/>.</summary>
    public TaskCompletionSource StreamHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Requests answered to the end (the last byte written).</summary>
    public int AnsweredRequests => _answered;

    /// <summary>Words of every answer.</summary>
    public string Answer { get; set; } = "Hello from the fake upstream";

    /// <summary>Streams JSON with a space after each colon and comma, as some model servers write it.</summary>
    public bool SpaceAfterColons { get; set; }

    /// <summary>
    /// The field the answer is returned in, whole and streamed (word by word): <c>content</c> (the default),
    /// <c>content_part</c>, <c>reasoning_content</c>, <c>reasoning</c>, <c>refusal</c>, <c>tool_arguments</c>,
    /// <c>tool_name</c>, <c>function_arguments</c>, <c>text</c> (legacy completions), <c>logprob_tokens</c>,
    /// <c>top_logprobs</c>.
    /// </summary>
    public string AnswerField { get; set; } = "content";

    /// <summary>Number of choices: the last one carries <see cref="Answer"/>, the others <see cref="OtherChoiceAnswer"/>.</summary>
    public int Choices { get; set; } = 1;

    public string OtherChoiceAnswer { get; set; } = "A calm and ordinary reply";

    /// <summary>Streams every choice in one chunk instead of one chunk a choice.</summary>
    public bool ChoicesInOneChunk { get; set; }

    /// <summary>The model the upstream names in its answers (null: the model it was asked for).</summary>
    public string? ReportedModel { get; set; }

    /// <summary>When set, every answer and chunk carries this <c>system_fingerprint</c>.</summary>
    public string? SystemFingerprint { get; set; }

    /// <summary>When set, a non-streamed answer is this body, verbatim (application/json).</summary>
    public string? RawAnswer { get; set; }

    /// <summary>When set, a streamed answer is this body, verbatim (text/event-stream).</summary>
    public string? RawStream { get; set; }

    public int CancelledRequests => _cancelled;

    private int _cancelled;
    private int _answered;

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
        await AnswerAsync(context);
        Interlocked.Increment(ref _answered);
    }

    private async Task AnswerAsync(HttpContext context)
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

        var model = ReportedModel ?? (string)body["model"]!;
        var words = Answer.Split(' ');
        var usage = new JsonObject { ["prompt_tokens"] = 7, ["completion_tokens"] = words.Length, ["total_tokens"] = 7 + words.Length };
        var stream = (bool?)body["stream"] == true;
        if (!stream && RawAnswer is { } raw)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(raw, context.RequestAborted);
            return;
        }

        if (!stream)
        {
            var choices = new JsonArray();
            for (var c = 0; c < Choices; c++)
            {
                var choice = Fill(new JsonObject { ["index"] = c, ["message"] = new JsonObject { ["role"] = "assistant" } }, "message", TextOf(c), 0);
                choice["finish_reason"] = "stop";
                choices.Add(choice);
            }

            await context.Response.WriteAsJsonAsync(Stamp(new JsonObject
            {
                ["id"] = "chatcmpl-fake",
                ["object"] = "chat.completion",
                ["created"] = 1,
                ["model"] = model,
                ["choices"] = choices,
                ["usage"] = usage,
            }));
            return;
        }

        context.Response.ContentType = "text/event-stream";
        if (RawStream is { } rawStream)
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(rawStream), context.RequestAborted);
            return;
        }

        var longest = Enumerable.Range(0, Choices).Max(c => TextOf(c).Split(' ').Length);
        for (var i = 0; i < longest; i++)
        {
            var entries = new List<JsonObject>();
            for (var c = 0; c < Choices; c++)
            {
                var choiceWords = TextOf(c).Split(' ');
                if (i < choiceWords.Length)
                {
                    entries.Add(Fill(new JsonObject { ["index"] = c, ["delta"] = new JsonObject(), ["finish_reason"] = null }, "delta", (i == 0 ? "" : " ") + choiceWords[i], i));
                }
            }

            foreach (var group in ChoicesInOneChunk ? [entries] : entries.Select(e => new List<JsonObject> { e }))
            {
                await SendAsync(context, Chunk(model, group));
            }

            if (i == 0 && HoldStreamAfterFirstChunk is { } hold)
            {
                StreamHeld.TrySetResult();
                await hold.Task.WaitAsync(context.RequestAborted);
            }
        }

        await SendAsync(context, Chunk(model, [.. Enumerable.Range(0, Choices).Select(c => new JsonObject { ["index"] = c, ["delta"] = new JsonObject(), ["finish_reason"] = "stop" })]));
        if ((bool?)body["stream_options"]?["include_usage"] == true)
        {
            await SendAsync(context, Stamp(new JsonObject { ["id"] = "chatcmpl-fake", ["object"] = "chat.completion.chunk", ["created"] = 1, ["model"] = model, ["choices"] = new JsonArray(), ["usage"] = usage }).ToJsonString());
        }

        await SendAsync(context, "[DONE]");
    }

    private string TextOf(int choice) => choice == Choices - 1 ? Answer : OtherChoiceAnswer;

    /// <summary>Puts <paramref name="text"/> into the choice's <see cref="AnswerField"/> (a piece of it when streamed).</summary>
    private JsonObject Fill(JsonObject choice, string message, string text, int piece)
    {
        var target = (JsonObject)choice[message]!;
        switch (AnswerField)
        {
            case "content_part":
                target["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text });
                break;
            case "tool_arguments":
            case "tool_name":
                var function = AnswerField == "tool_name" ? new JsonObject { ["name"] = text } : new JsonObject { ["arguments"] = text };
                if (piece == 0 && AnswerField == "tool_arguments")
                {
                    function["name"] = "lookup";
                }

                var call = new JsonObject { ["index"] = 0, ["function"] = function };
                if (piece == 0)
                {
                    call["id"] = "call_1";
                    call["type"] = "function";
                }

                target["tool_calls"] = new JsonArray(call);
                break;
            case "function_arguments":
                target["function_call"] = new JsonObject { ["arguments"] = text };
                break;
            case "text":
                choice.Remove(message);
                choice["text"] = text;
                break;
            case "logprob_tokens":
                target["content"] = "";
                choice["logprobs"] = new JsonObject { ["content"] = new JsonArray(new JsonObject { ["token"] = text, ["logprob"] = -0.5, ["top_logprobs"] = new JsonArray() }) };
                break;
            case "top_logprobs":
                target["content"] = "";
                choice["logprobs"] = new JsonObject
                {
                    ["content"] = new JsonArray(new JsonObject { ["token"] = "x", ["logprob"] = -0.5, ["top_logprobs"] = new JsonArray(new JsonObject { ["token"] = text, ["logprob"] = -1.0 }) }),
                };
                break;
            default:
                target[AnswerField] = text;
                break;
        }

        return choice;
    }

    private JsonObject Stamp(JsonObject answer)
    {
        if (SystemFingerprint is { } fingerprint)
        {
            answer["system_fingerprint"] = fingerprint;
        }

        return answer;
    }

    private string Chunk(string model, List<JsonObject> choices) => Stamp(new JsonObject
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1,
        ["model"] = model,
        ["choices"] = new JsonArray([.. choices]),
    }).ToJsonString();

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
