namespace Tiergate.Core.Policy;

/// <summary>One problem in a policy file, located by its path (<c>tiers[1].variants[0]</c>).</summary>
public sealed record PolicyError(string Path, string Message, int? Line = null)
{
    public override string ToString() =>
        Line is { } line ? $"{Path}: {Message} (line {line})" : $"{Path}: {Message}";
}
