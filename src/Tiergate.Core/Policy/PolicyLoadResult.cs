namespace Tiergate.Core.Policy;

/// <summary>Either a valid policy or every error found in it.</summary>
public sealed record PolicyLoadResult(PolicyDocument? Policy, IReadOnlyList<PolicyError> Errors)
{
    public bool IsValid => Policy is not null && Errors.Count == 0;
}
