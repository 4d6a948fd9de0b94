namespace Tiergate.Safeguards.Guards;

/// <summary>
/// One guard endpoint. <see cref="BaseUrl"/> is the OpenAI-compatible base (<c>http://host:8000/v1</c>);
/// <see cref="ApiKey"/> is the credential itself, read from the environment by whoever builds the options.
/// </summary>
public sealed record GuardOptions(string Name, GuardFormat Format, Uri BaseUrl, string? Model)
{
    public string? ApiKey { get; init; }

    /// <summary>How long one judgement may take, all its calls together.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Verdicts kept by content hash; 0 turns the cache off.</summary>
    public int CacheSize { get; init; } = 10_000;

    /// <summary>
    /// The hazard categories ShieldGemma and Granite Guardian are asked about, one policy (risk definition) each;
    /// Llama Guard and moderation endpoints answer with their own taxonomy, mapped by <see cref="GuardTaxonomy"/>.
    /// </summary>
    public IReadOnlyList<string> Categories { get; init; } = GuardTaxonomy.HazardCategories;

    /// <summary>The stage name in evidence: <c>guard:NAME</c>.</summary>
    public string StageName => $"guard:{Name}";
}
