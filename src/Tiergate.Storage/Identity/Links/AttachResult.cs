namespace Tiergate.Storage.Identity.Links;

/// <summary>What attaching one identifier did.</summary>
/// <param name="Attached">False when refused (<see cref="Refusal"/> says why).</param>
/// <param name="Refusal">Null, <c>identifier_banned</c> or <c>document_in_use</c>.</param>
/// <param name="LinkedUserIds">Other accounts that hold the same identifier.</param>
public sealed record AttachResult(bool Attached, string? Refusal, IReadOnlyList<long> LinkedUserIds);
