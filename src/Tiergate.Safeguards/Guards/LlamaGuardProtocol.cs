namespace Tiergate.Safeguards.Guards;

/// <summary>
/// Llama Guard 3 behind an OpenAI-compatible chat server (vLLM: <c>vllm serve meta-llama/Llama-Guard-3-8B</c>).
/// The model's own chat template turns the conversation into its task prompt with the S1-S14 categories, and
/// judges the last turn: the user's for a prompt, the assistant's for an answer. It answers <c>safe</c>, or
/// <c>unsafe</c> and on the next line the violated codes (<c>S1,S9</c>); anything else is unreadable.
/// </summary>
internal sealed class LlamaGuardProtocol : IGuardProtocol
{
    public async Task<GuardVerdict> JudgeAsync(HttpMessageInvoker http, GuardOptions options, string prompt, string? answer, CancellationToken cancellationToken)
    {
        var body = GuardHttp.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("model", options.Model);
            GuardHttp.WriteConversation(json, prompt, answer);
            json.WriteNumber("temperature", 0);
            json.WriteNumber("max_tokens", 24);
            json.WriteEndObject();
        });
        using var document = await GuardHttp.PostAsync(http, GuardHttp.Endpoint(options.BaseUrl, "/chat/completions"), options.ApiKey, body, cancellationToken);
        return Read(GuardHttp.ChatContent(document));
    }

    internal static GuardVerdict Read(string content)
    {
        var lines = content.Trim().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length > 0 && lines[0].Equals("safe", StringComparison.OrdinalIgnoreCase))
        {
            return GuardVerdict.Safe("safe");
        }

        if (lines.Length == 0 || !lines[0].Equals("unsafe", StringComparison.OrdinalIgnoreCase))
        {
            throw new GuardUnavailableException("unreadable answer");
        }

        var codes = lines.Length > 1
            ? lines[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c => c.ToUpperInvariant()).Where(IsCode).Distinct().ToList()
            : [];
        if (codes.Count == 0)
        {
            // Unsafe without a readable code: a finding all the same (fail closed), under a name of its own.
            return new GuardVerdict(true, [new GuardCategory(["guard-unsafe"], 1, "unsafe")], ["unsafe"], "unsafe");
        }

        var found = codes.Select(c => new GuardCategory(GuardTaxonomy.Targets(GuardTaxonomy.LlamaGuard, c), 1, c)).ToList();
        return new GuardVerdict(true, found, codes, "unsafe " + string.Join(',', codes));
    }

    private static bool IsCode(string code) => code.Length is >= 2 and <= 4 && code[0] == 'S' && code[1..].All(char.IsAsciiDigit);
}
