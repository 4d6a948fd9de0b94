using System.Text.Json;

namespace Tiergate.Safeguards.Guards;

/// <summary>
/// An OpenAI-compatible <c>POST /moderations</c>: <c>{"model","input"}</c> in, <c>results[0]</c> with <c>flagged</c>,
/// <c>categories</c> and <c>category_scores</c> out. Where the guard is another Tiergate, its own categories
/// (<c>results[0].tiergate.categories</c>) are taken as they are. An answer is judged on its own text.
/// </summary>
internal sealed class ModerationsProtocol : IGuardProtocol
{
    public async Task<GuardVerdict> JudgeAsync(HttpMessageInvoker http, GuardOptions options, string prompt, string? answer, CancellationToken cancellationToken)
    {
        var body = GuardHttp.Json(json =>
        {
            json.WriteStartObject();
            if (options.Model is { } model)
            {
                json.WriteString("model", model);
            }

            json.WriteString("input", answer ?? prompt);
            json.WriteEndObject();
        });
        using var document = await GuardHttp.PostAsync(http, GuardHttp.Endpoint(options.BaseUrl, "/moderations"), options.ApiKey, body, cancellationToken);
        return Read(document.RootElement);
    }

    internal static GuardVerdict Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array ||
            results.GetArrayLength() == 0 || results[0] is not { ValueKind: JsonValueKind.Object } result ||
            !result.TryGetProperty("flagged", out var flaggedNode) || flaggedNode.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new GuardUnavailableException("unreadable answer");
        }

        var flagged = flaggedNode.GetBoolean();
        var (categories, scores, map) = result.TryGetProperty("tiergate", out var own) && own.ValueKind == JsonValueKind.Object
            ? (Property(own, "categories"), Property(own, "scores"), (IReadOnlyDictionary<string, string[]>)new Dictionary<string, string[]>())
            : (Property(result, "categories"), Property(result, "category_scores"), GuardTaxonomy.OpenAiModeration);
        var found = new List<GuardCategory>();
        var labels = new List<string>();
        foreach (var category in categories.EnumerateObject())
        {
            if (category.Value.ValueKind != JsonValueKind.True)
            {
                continue;
            }

            var score = scores.ValueKind == JsonValueKind.Object && scores.TryGetProperty(category.Name, out var s) && s.ValueKind == JsonValueKind.Number ? Math.Clamp(s.GetDouble(), 0, 1) : 1;
            labels.Add(category.Name);
            found.Add(new GuardCategory(GuardTaxonomy.Targets(map, category.Name), score, category.Name));
        }

        if (flagged && found.Count == 0)
        {
            // Flagged without a category: still a finding, under a name of its own.
            found.Add(new GuardCategory(["guard-flagged"], 1, "flagged"));
            labels.Add("flagged");
        }

        var summary = flagged ? "flagged " + string.Join(',', labels) : "not flagged";
        return new GuardVerdict(flagged, flagged ? found : [], labels, summary.Length > 200 ? summary[..200] : summary);
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private static JsonElement Property(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : EmptyObject;
}
