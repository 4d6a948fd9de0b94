namespace Tiergate.Corpus.Reporting;

/// <summary>One line that could not be tagged. <see cref="Line"/> is 1-based in the decompressed file.</summary>
public sealed record BadInputEntry(string File, long Line, long Offset, string Reason, string? Detail);
