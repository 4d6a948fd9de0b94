namespace Tiergate.Storage.Identity.Vendors;

/// <summary>What a vendor read from the applicant's document. The number only reaches the identifier graph (as a keyed HMAC), never evidence or logs.</summary>
/// <param name="Type"><c>passport</c>, <c>id_card</c>, <c>driving_license</c> (Stripe) or Persona's id class (<c>pp</c>, <c>id</c>, <c>dl</c>).</param>
/// <param name="Country">The issuing country, ISO 3166-1 alpha-2.</param>
/// <param name="PaymentFingerprint">A card fingerprint, when the vendor returns one.</param>
public sealed record VerifiedDocument(string? Type, string? Country, string? Number, string? PaymentFingerprint = null)
{
    /// <summary>The graph's document identifier <c>CC:NUMBER</c>, or null without both parts.</summary>
    public string? Identifier => string.IsNullOrWhiteSpace(Country) || string.IsNullOrWhiteSpace(Number) ? null : $"{Country.Trim().ToUpperInvariant()}:{Number.Trim()}";

    public override string ToString() => $"VerifiedDocument {{ Type = {Type}, Country = {Country} }}"; // never the number
}
