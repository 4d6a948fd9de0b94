using System.Text.Json;

namespace Tiergate.Storage.Identity.Vendors;

/// <summary>
/// Stripe's Event object for Identity (<c>{"id":"evt_…","object":"event","type":"identity.verification_session.verified",
/// "data":{"object":{"id":"vs_…","object":"identity.verification_session","status":…,"last_error":{"code":…}}}}</c>).
/// </summary>
public static class StripeEvents
{
    private const string Prefix = "identity.verification_session.";

    /// <summary>The event, or null when the body is not a Stripe event (malformed).</summary>
    public static VendorEvent? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), VendorJson.Options);
            var root = document.RootElement;
            if (root.Property("id").Token() is not { } id || root.Property("type").Token() is not { } type || root.Property("object").String() is not "event")
            {
                return null;
            }

            if (!type.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return new VendorEvent(id, type, "", VendorResult.Ignored);
            }

            var session = root.Path("data", "object");
            if (session.Property("id").Token() is not { } reference || session.Property("object").String() is not "identity.verification_session")
            {
                return null;
            }

            var code = session.Path("last_error", "code").Token();
            return type[Prefix.Length..] switch
            {
                "verified" => new VendorEvent(id, type, reference, VendorResult.Verified),
                "requires_input" => new VendorEvent(id, type, reference, VendorResult.Failed, code ?? "requires_input"),
                "canceled" => new VendorEvent(id, type, reference, VendorResult.Failed, code ?? "canceled"),
                "processing" => new VendorEvent(id, type, reference, VendorResult.Pending),
                _ => new VendorEvent(id, type, reference, VendorResult.Ignored),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The document in a session fetched with <c>expand[]=verified_outputs&amp;expand[]=last_verification_report.document.number</c>:
    /// type, issuing country and number from the verification report's <c>document</c>.
    /// </summary>
    public static VerifiedDocument? Document(JsonElement session)
    {
        var document = session.Path("last_verification_report", "document");
        if (document is not { } d)
        {
            return null;
        }

        var fingerprint = session.Path("verified_outputs", "payment_method_fingerprint").Token();
        return new VerifiedDocument(d.Property("type").Token(), d.Property("issuing_country").Token(), d.Property("number").String(), fingerprint);
    }
}
