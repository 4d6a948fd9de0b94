namespace Tiergate.Core.Policy;

/// <summary>
/// What a running gateway can take from a new policy without a restart. Tiers, acceptable use policies, variants
/// (with their upstreams) and gateway limits are read per request from the current policy. The screening engine's
/// files (<c>safeguards.directory</c>) and the guard models (<c>safeguards.guards</c>) are loaded and connected
/// once, at start: a change to either is refused as a whole, never half-applied.
/// </summary>
public static class PolicyLiveChange
{
    /// <summary>The parts of <paramref name="next"/> that differ from <paramref name="running"/> and need a restart; empty when it can be applied live.</summary>
    public static IReadOnlyList<PolicyError> NeedsRestart(PolicyDocument running, PolicyDocument next)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(next);
        var errors = new List<PolicyError>();
        if (!string.Equals(running.Safeguards.Directory, next.Safeguards.Directory, StringComparison.Ordinal))
        {
            errors.Add(new PolicyError("safeguards.directory", $"changes from '{running.Safeguards.Directory ?? "(built-in)"}' to '{next.Safeguards.Directory ?? "(built-in)"}'; the screening engine is loaded at start, so this needs a restart"));
        }

        if (!running.Safeguards.Guards.SequenceEqual(next.Safeguards.Guards))
        {
            errors.Add(new PolicyError("safeguards.guards", "differ from the running ones; guard models are connected at start, so this needs a restart"));
        }

        return errors;
    }
}
