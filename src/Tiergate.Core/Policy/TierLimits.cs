namespace Tiergate.Core.Policy;

/// <summary>Per-user limits within one tier. A null limit is unlimited.</summary>
/// <param name="RequestsPerMinute">Requests a user may start per minute.</param>
/// <param name="TokensPerMinute">Prompt plus completion tokens a user may reserve per minute.</param>
/// <param name="TokensPerDay">Prompt plus completion tokens a user may reserve per UTC day.</param>
/// <param name="MaxOutputTokens">Completion budget reserved (and sent upstream) when a request names none.</param>
public sealed record TierLimits(int? RequestsPerMinute, long? TokensPerMinute, long? TokensPerDay, int MaxOutputTokens)
{
    public const int DefaultMaxOutputTokens = 1024;

    public const int DefaultMaxChoices = 8;

    /// <summary>The most choices (<c>n</c>) one request may ask for; each is reserved at the full completion budget.</summary>
    public int MaxChoices { get; init; } = DefaultMaxChoices;

    /// <summary>
    /// When the shared counters are unreachable: refuse, or count locally. The reader's default follows the
    /// tier's identity requirement (<see cref="DefaultWhenSharedStateDown"/>).
    /// </summary>
    public SharedStateDownMode WhenSharedStateDown { get; init; } = SharedStateDownMode.Local;

    /// <summary>Tiers that ask more than an email address hold relaxed safeguards: their limits must not loosen, so they refuse.</summary>
    public static SharedStateDownMode DefaultWhenSharedStateDown(IdentityLevel identity) =>
        identity > IdentityLevel.Email ? SharedStateDownMode.Refuse : SharedStateDownMode.Local;

    public static readonly TierLimits Unlimited = new(null, null, null, DefaultMaxOutputTokens);
}
