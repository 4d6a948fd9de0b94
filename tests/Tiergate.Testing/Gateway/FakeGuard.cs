using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiergate.Safeguards.Guards;

namespace Tiergate.Testing.Gateway;

/// <summary>
/// A guard model server on loopback that speaks the four guard formats, as vLLM serving Llama Guard 3,
/// ShieldGemma or Granite Guardian, or a hosted moderation API would: <c>POST /v1/moderations</c> and
/// <c>POST /v1/chat/completions</c> (the format read from the request, as the model's chat template would).
/// It judges by trigger words (<see cref="Rules"/>) in the text under judgement: the last turn, or for
/// ShieldGemma the human question or chatbot response of its prompt.
/// </summary>
public sealed class FakeGuard : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private FakeGuard(WebApplication app) => _app = app;

    /// <summary>The OpenAI-compatible base (<c>http://127.0.0.1:PORT/v1</c>).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Trigger word → (Llama Guard code, Tiergate category for the Yes/No guards, OpenAI moderation category).</summary>
    public Dictionary<string, (string LlamaCode, string Category, string OpenAiCategory)> Rules { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["anthrax"] = ("S9", "bio", "illicit/violent"),
        ["ransomware"] = ("S14", "cyber", "illicit"),
        ["guardonly"] = ("S9", "chem", "illicit/violent"),
        ["hurtful"] = ("S10", "hate", "hate"),
    };

    /// <summary>Calls received, all endpoints.</summary>
    public int Calls => _calls;

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>Delay before answering (longer than the guard's timeout: the guard is down).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Status to answer with instead of a verdict (0: answer normally).</summary>
    public int FailWithStatus { get; set; }

    /// <summary>When set, the chat answer's content is this text, verbatim.</summary>
    public string? RawContent { get; set; }

    public static async Task<FakeGuard> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var guard = new FakeGuard(app);
        app.MapPost("/v1/moderations", guard.ModerateAsync);
        app.MapPost("/v1/chat/completions", guard.ChatAsync);
        await app.StartAsync();
        guard.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1";
        return guard;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<JsonObject?> BeginAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
        Requests.Enqueue(body);
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        if (FailWithStatus != 0)
        {
            context.Response.StatusCode = FailWithStatus;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "guard down" } });
            return null;
        }

        return body;
    }

    private async Task ModerateAsync(HttpContext context)
    {
        if (await BeginAsync(context) is not { } body)
        {
            return;
        }

        var text = (string?)body["input"] ?? "";
        var categories = new JsonObject();
        var scores = new JsonObject();
        foreach (var name in new[] { "harassment", "hate", "illicit", "illicit/violent", "self-harm", "sexual", "violence" })
        {
            var hit = Matches(text).Any(r => r.OpenAiCategory == name);
            categories[name] = hit;
            scores[name] = hit ? 0.97 : 0.01;
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["id"] = "modr-fake",
            ["model"] = (string?)body["model"] ?? "omni-moderation-latest",
            ["results"] = new JsonArray(new JsonObject { ["flagged"] = Matches(text).Count > 0, ["categories"] = categories, ["category_scores"] = scores }),
        });
    }

    private async Task ChatAsync(HttpContext context)
    {
        if (await BeginAsync(context) is not { } body)
        {
            return;
        }

        var messages = body["messages"]!.AsArray();
        var last = (string)messages[^1]!["content"]!;
        string content;
        if (body["chat_template_kwargs"]?["guardian_config"] is { } config)
        {
            var risk = (string)config["risk_name"]!;
            content = Matches(last).Any(r => r.Category == risk) ? "Yes" : "No";
        }
        else if (last.StartsWith("You are a policy expert", StringComparison.Ordinal))
        {
            var judged = Between(last, "Chatbot Response: ", "<end_of_turn>") ?? Between(last, "Human Question: ", "<end_of_turn>") ?? "";
            var category = GuardTaxonomy.Policies.First(p => last.Contains("* " + p.Value, StringComparison.Ordinal)).Key;
            content = Matches(judged).Any(r => r.Category == category) ? "Yes" : "No";
        }
        else
        {
            var codes = Matches(last).Select(r => r.LlamaCode).Distinct().ToList();
            content = codes.Count == 0 ? "safe" : "unsafe\n" + string.Join(',', codes);
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["id"] = "chatcmpl-guard",
            ["object"] = "chat.completion",
            ["model"] = (string?)body["model"],
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = RawContent ?? content },
                ["finish_reason"] = "stop",
            }),
        });
    }

    private List<(string LlamaCode, string Category, string OpenAiCategory)> Matches(string text) =>
        Rules.Where(r => text.Contains(r.Key, StringComparison.OrdinalIgnoreCase)).Select(r => r.Value).ToList();

    private static string? Between(string text, string start, string end)
    {
        var at = text.IndexOf(start, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        at += start.Length;
        var stop = text.IndexOf(end, at, StringComparison.Ordinal);
        return stop < 0 ? text[at..] : text[at..stop];
    }
}
