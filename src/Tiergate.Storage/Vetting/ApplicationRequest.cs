namespace Tiergate.Storage.Vetting;

/// <summary>What an applicant submits; submitting it accepts the tier policy's current version.</summary>
/// <param name="PermittedUses">Indexes into the tier policy's permitted uses that the applicant ticked.</param>
public sealed record ApplicationRequest(string Email, string Tier, string UseCase, string? Affiliation, IReadOnlyList<string> Links, IReadOnlyList<int> PermittedUses);
