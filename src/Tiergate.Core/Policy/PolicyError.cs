namespace Tiergate.Core.Policy;

/// <summary>
/// One problem in a policy file, located by its path (<c>tiers[1].variants[0]</c>). <see cref="Code"/> is the
/// stable id (<c>TG2140</c>) of the errors that have one, so tools and tests need not match the words.
/// </summary>
public sealed record PolicyError(string Path, string Message, int? Line = null, string? Code = null)
{
    public override string ToString()
    {
        var text = Line is { } line ? $"{Path}: {Message} (line {line})" : $"{Path}: {Message}";
        return Code is null ? text : $"{text} [{Code}]";
    }
}
