namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>Builds requests with realistic tokens and latency; used by benign activity and by the planted scenarios alike.</summary>
internal static class RequestFactory
{
    public const string BatchAgent = "OpenAI/Python 1.54.3 (async)";

    public static Request Make(User user, long at, Endpoint from, Random r, PromptSpec prompt,
        Screening screening = Screening.Clean, int category = 0, string? key = null, string? agent = null, string? scenario = null,
        int? completionMedian = null)
    {
        var budget = user.MaxTokens > 0 ? user.MaxTokens : Tiers.MaxOutputTokens(user.Tier);
        var promptTokens = prompt.Kind == PromptKind.Batch
            ? r.Next(180, 420)
            : (int)Math.Clamp(180 * Math.Exp(Population.Normal(r)), 5, 12_000);
        var completion = (int)Math.Clamp((completionMedian ?? 300) * Math.Exp(Population.Normal(r) * 0.8), 1, budget);
        var latency = screening == Screening.InputBlock
            ? r.Next(15, 90)
            : 250 + r.Next(700) + (int)(completion * (12 + (r.NextDouble() * 18)));
        return new Request
        {
            At = at,
            User = user,
            Key = key ?? user.Key,
            Variant = Tiers.Variant(user.Tier, r),
            From = from,
            UserAgent = agent ?? user.UserAgent,
            Prompt = prompt,
            Screening = screening,
            Category = category,
            Score = screening is Screening.InputBlock or Screening.OutputBlock ? 0.85 + (r.NextDouble() * 0.149) : 0.5 + (r.NextDouble() * 0.3),
            PromptTokens = promptTokens,
            CompletionTokens = screening == Screening.InputBlock ? 0 : completion,
            Budget = budget,
            LatencyMs = latency,
            Scenario = scenario,
        };
    }

    public static PromptSpec Natural(User user, Random r) =>
        new(PromptKind.Natural, r.Next(), Script: user.Script > 0 && r.NextDouble() < 0.7 ? user.Script : (byte)0);

    /// <summary>A hazard prompt of <paramref name="category"/>, screened the way the user's tier screens it.</summary>
    public static Request Hazard(User user, long at, Endpoint from, Random r, int category, int seed, string? scenario = null, string? agent = null)
    {
        var screening = Tiers.Blocks(user.Tier, category) ? Screening.InputBlock : Screening.InputFlag;
        return Make(user, at, from, r, new PromptSpec(PromptKind.Hazard, seed, category), screening, category, agent: agent, scenario: scenario);
    }

    public static long Ticks(double seconds) => (long)(seconds * TimeSpan.TicksPerSecond);
}
