namespace Tiergate.Storage.Crypto;

/// <summary>The outcome of <see cref="KeyRotation.RotateAsync"/>.</summary>
public sealed record RotationResult(int NewVersion, IReadOnlyList<ReencryptedColumn> Columns);
