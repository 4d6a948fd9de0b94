namespace Tiergate.Core.Identity.Identifiers;

/// <summary>
/// Identifiers Tiergate does not interpret: a payment-card fingerprint as a vendor returns it (Stripe's
/// <c>card.fingerprint</c>), a device id. Trimmed and kept exactly otherwise (case is significant in vendors'
/// tokens), printable ASCII only, bounded.
/// </summary>
public static class OpaqueIdentifier
{
    public const int MaxPaymentLength = 128;
    public const int MaxDeviceLength = 128;

    public static string Payment(string? value) => IdentifierText.PrintableAscii(value, "The payment fingerprint", MaxPaymentLength);

    public static string Device(string? value) => IdentifierText.PrintableAscii(value, "The device id", MaxDeviceLength);
}
