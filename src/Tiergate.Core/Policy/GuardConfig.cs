namespace Tiergate.Core.Policy;

/// <summary>
/// One external guard model, declared once in the policy's top-level <c>safeguards.guards</c> and referenced
/// by tiers' profiles per direction. The credential is never in the file: <see cref="ApiKeyEnv"/> names the
/// environment variable that holds it.
/// </summary>
/// <param name="Url">The server's OpenAI-compatible base URL (<c>http://host:8000/v1</c>); the path of the call is added.</param>
/// <param name="Model">The <c>model</c> sent with each call; required for chat guards, optional for moderations.</param>
/// <param name="TimeoutMs">How long one judgement may take, all its calls together, before the guard counts as down.</param>
/// <param name="CacheSize">Verdicts kept by content hash (least recently used dropped first); 0 turns the cache off.</param>
public sealed record GuardConfig(string Name, GuardKind Kind, string Url, string? Model, string? ApiKeyEnv, int TimeoutMs, int CacheSize)
{
    public const int DefaultTimeoutMs = 2000;
    public const int DefaultCacheSize = 10_000;
}
