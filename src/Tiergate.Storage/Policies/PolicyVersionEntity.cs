namespace Tiergate.Storage.Policies;

/// <summary>One applied policy (<c>policy_versions</c>): the policy of record is the highest version.</summary>
public sealed class PolicyVersionEntity
{
    /// <summary>1, 2, 3, ...: assigned under a lock, so two instances applying at once get different numbers.</summary>
    public long Version { get; set; }

    /// <summary>SHA-256 of <see cref="Text"/>, lower-case hex (<see cref="Tiergate.Core.Policy.PolicyText"/>).</summary>
    public required string Hash { get; set; }

    /// <summary>The canonical policy text (YAML).</summary>
    public required string Text { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    /// <summary>Who applied it: <c>cli:NAME</c> (<c>tiergate policy apply</c>) or <c>server:HOST</c> (<c>serve --config</c>, SIGHUP).</summary>
    public required string AppliedBy { get; set; }
}
