using Tiergate.Core.Policy;

namespace Tiergate.Server.Policies;

/// <summary>
/// The running policy: one reference, swapped whole. Readers take <see cref="Current"/> once per request; a swap
/// affects only requests that start after it, and never an in-flight one, which keeps the snapshot it took.
/// </summary>
public sealed class PolicyHolder(PolicySnapshot initial)
{
    private volatile PolicySnapshot _current = initial;

    public PolicySnapshot Current => _current;

    /// <summary>The policy of <see cref="Current"/>, for readers that need nothing else.</summary>
    public PolicyDocument Policy => _current.Policy;

    /// <summary>Replaces the running policy; the caller has validated it and checked <see cref="PolicyLiveChange"/>.</summary>
    public void Swap(PolicySnapshot next)
    {
        ArgumentNullException.ThrowIfNull(next);
        _current = next;
    }
}
