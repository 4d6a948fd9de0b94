namespace Tiergate.Safeguards;

/// <summary>
/// A stable error of the safeguards engine: <see cref="Id"/> (<c>TG3001</c>) never changes meaning and
/// <see cref="Name"/> is what scripts switch on. This project stands alone, so it has its own record
/// rather than Tiergate.Core's <c>ErrorCode</c> (it has no HTTP surface).
/// </summary>
public sealed record SafeguardsErrorCode(string Id, string Name, string Summary)
{
    /// <summary>The id (<c>TG3001</c>), so a code in a message reads as the string constants it replaced did.</summary>
    public override string ToString() => Id;
}
