namespace Tiergate.Corpus.Sidecar;

/// <summary>A sidecar record does not fit its input line: the rebuild stops (<c>sidecar_mismatch</c>), unlike an unreadable input, which is only reported.</summary>
public sealed class SidecarMismatchException(string message) : FormatException(message);
