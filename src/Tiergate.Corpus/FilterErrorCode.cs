namespace Tiergate.Corpus;

/// <summary>
/// A stable error of <c>tiergate filter</c>: <see cref="Id"/> (<c>TG4001</c>) never changes meaning,
/// <see cref="Name"/> is what scripts switch on, and <see cref="ExitCode"/> is what the command exits with
/// (a batch command has exit codes where the gateway has HTTP statuses).
/// </summary>
public sealed record FilterErrorCode(string Id, string Name, int ExitCode, string Summary)
{
    /// <summary>The id (<c>TG4001</c>), as it appears in messages.</summary>
    public override string ToString() => Id;
}
