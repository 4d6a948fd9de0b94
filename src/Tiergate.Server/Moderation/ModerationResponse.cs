using System.Text.Json;
using Tiergate.Safeguards.Screening;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Moderation;

/// <summary>
/// Writes OpenAI's moderation response, <c>{"id","model","results":[{"flagged","categories","category_scores",
/// "category_applied_input_types"}]}</c>, each result with Tiergate's own view beside it:
/// <c>"tiergate":{"tier","verdict","categories","scores","stages"}</c>. A result is flagged when the tier's
/// input profile blocks or flags something in it (<c>verdict</c> <c>block</c> or <c>flag</c>; <c>clean</c> otherwise).
/// </summary>
internal static class ModerationResponse
{
    public static async Task WriteAsync(Stream body, string id, string model, string tier, IReadOnlyList<(ScreeningResult Verdicts, ScreeningOutcome Outcome)> results, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("model", model);
        json.WriteStartArray("results");
        foreach (var (verdicts, outcome) in results)
        {
            WriteResult(json, tier, verdicts, outcome);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void WriteResult(Utf8JsonWriter json, string tier, ScreeningResult verdicts, ScreeningOutcome outcome)
    {
        var hits = new HashSet<string>(StringComparer.Ordinal);
        if (outcome.Block is { } block)
        {
            hits.Add(block.Category);
        }

        foreach (var flag in outcome.Flags)
        {
            hits.Add(flag.Category);
        }

        var flagged = OpenAiCategories.Names.ToDictionary(n => n, _ => false, StringComparer.Ordinal);
        var scores = OpenAiCategories.Names.ToDictionary(n => n, _ => 0.0, StringComparer.Ordinal);
        foreach (var verdict in verdicts.Verdicts)
        {
            foreach (var name in OpenAiCategories.Of(verdict.Category))
            {
                flagged[name] |= hits.Contains(verdict.Category);
                scores[name] = Math.Max(scores[name], verdict.Score);
            }
        }

        json.WriteStartObject();
        json.WriteBoolean("flagged", hits.Count > 0);
        json.WriteStartObject("categories");
        foreach (var name in OpenAiCategories.Names)
        {
            json.WriteBoolean(name, flagged[name]);
        }

        json.WriteEndObject();
        json.WriteStartObject("category_scores");
        foreach (var name in OpenAiCategories.Names)
        {
            json.WriteNumber(name, Math.Round(scores[name], 6));
        }

        json.WriteEndObject();
        json.WriteStartObject("category_applied_input_types");
        foreach (var name in OpenAiCategories.Names)
        {
            json.WriteStartArray(name);
            json.WriteStringValue("text");
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteStartObject("tiergate");
        json.WriteString("tier", tier);
        json.WriteString("verdict", outcome.Blocked ? "block" : hits.Count > 0 ? "flag" : "clean");
        json.WriteStartObject("categories");
        foreach (var verdict in verdicts.Verdicts)
        {
            json.WriteBoolean(verdict.Category, hits.Contains(verdict.Category));
        }

        json.WriteEndObject();
        json.WriteStartObject("scores");
        foreach (var verdict in verdicts.Verdicts)
        {
            json.WriteNumber(verdict.Category, Math.Round(verdict.Score, 6));
        }

        json.WriteEndObject();
        json.WriteStartObject("stages");
        foreach (var verdict in verdicts.Verdicts)
        {
            json.WriteString(verdict.Category, verdict.Stage);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
