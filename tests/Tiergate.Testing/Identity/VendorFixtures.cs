using System.Text.Json.Nodes;

namespace Tiergate.Testing.Identity;

/// <summary>
/// Bodies in the shapes Stripe and Persona document: Stripe's Event wrapping an <c>identity.verification_session</c>
/// (API reference, "The Event object" and "The VerificationSession object"), the session expanded with its
/// <c>last_verification_report.document</c>, and Persona's JSON:API webhook event wrapping an inquiry with its
/// included verifications ("Webhooks", "Inquiry" and "Verification" objects).
/// </summary>
public static class VendorFixtures
{
    public static string NewStripeEventId() => "evt_" + Guid.NewGuid().ToString("N")[..24];

    public static string NewPersonaEventId() => "evt_" + Guid.NewGuid().ToString("N")[..24];

    /// <summary>A VerificationSession as Stripe answers its creation or retrieval.</summary>
    public static JsonObject StripeSession(string id, string status, long userId, string? url = null, string? lastErrorCode = null) => new()
    {
        ["id"] = id,
        ["object"] = "identity.verification_session",
        ["client_reference_id"] = userId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["client_secret"] = status == "requires_input" && lastErrorCode is null ? id + "_secret_live_abc" : null,
        ["created"] = 1765076400,
        ["last_error"] = lastErrorCode is null ? null : new JsonObject { ["code"] = lastErrorCode, ["reason"] = "The document could not be verified." },
        ["last_verification_report"] = status == "verified" ? "vr_" + id[3..] : null,
        ["livemode"] = false,
        ["metadata"] = new JsonObject { ["tiergate_user_id"] = userId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        ["options"] = new JsonObject { ["document"] = new JsonObject() },
        ["redaction"] = null,
        ["status"] = status,
        ["type"] = "document",
        ["url"] = url,
        ["verified_outputs"] = null,
    };

    /// <summary>Stripe's Event for an Identity session (<c>identity.verification_session.verified</c>, …).</summary>
    public static string StripeEvent(string eventId, string type, string sessionId, long userId, string? lastErrorCode = null)
    {
        var status = type["identity.verification_session.".Length..];
        var session = StripeSession(sessionId, status == "requires_input" || status == "canceled" || status == "processing" || status == "verified" ? status : "requires_input", userId, lastErrorCode: lastErrorCode);
        return new JsonObject
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["api_version"] = "2024-06-20",
            ["created"] = 1765076400,
            ["data"] = new JsonObject { ["object"] = session },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        }.ToJsonString();
    }

    /// <summary>A verified session retrieved with <c>expand[]=verified_outputs&amp;expand[]=last_verification_report.document.number</c>.</summary>
    public static JsonObject StripeExpandedSession(string sessionId, long userId, string? documentType, string? country, string? number)
    {
        var session = StripeSession(sessionId, "verified", userId);
        session["verified_outputs"] = new JsonObject { ["first_name"] = "Ada", ["last_name"] = "Lovelace", ["dob"] = null, ["address"] = null, ["id_number_type"] = null };
        session["last_verification_report"] = new JsonObject
        {
            ["id"] = "vr_" + sessionId[3..],
            ["object"] = "identity.verification_report",
            ["type"] = "document",
            ["document"] = new JsonObject
            {
                ["status"] = "verified",
                ["type"] = documentType,
                ["issuing_country"] = country,
                ["number"] = number,
                ["first_name"] = "Ada",
                ["last_name"] = "Lovelace",
                ["error"] = null,
                ["files"] = new JsonArray("file_front", "file_back"),
            },
        };
        return session;
    }

    /// <summary>Persona's answer to <c>POST /api/v1/inquiries</c>.</summary>
    public static JsonObject PersonaInquiry(string inquiryId, string status, string referenceId) => new()
    {
        ["data"] = new JsonObject
        {
            ["type"] = "inquiry",
            ["id"] = inquiryId,
            ["attributes"] = new JsonObject
            {
                ["status"] = status,
                ["reference-id"] = referenceId,
                ["created-at"] = "2026-12-07T03:00:00.000Z",
            },
            ["relationships"] = new JsonObject { ["verifications"] = new JsonObject { ["data"] = new JsonArray() } },
        },
    };

    /// <summary>Persona's webhook event (<c>inquiry.approved</c>, …), with a passed government-id verification included when a number is given.</summary>
    public static string PersonaEvent(string eventId, string name, string inquiryId, string referenceId, string? documentNumber = null, string? country = null, string idClass = "pp")
    {
        var inquiry = PersonaInquiry(inquiryId, name["inquiry.".Length..], referenceId);
        var included = new JsonArray();
        if (documentNumber is not null)
        {
            var verificationId = "ver_" + Guid.NewGuid().ToString("N")[..24];
            inquiry["data"]!["relationships"]!["verifications"]!["data"]!.AsArray().Add(new JsonObject { ["type"] = "verification/government-id", ["id"] = verificationId });
            included.Add(new JsonObject
            {
                ["type"] = "verification/government-id",
                ["id"] = verificationId,
                ["attributes"] = new JsonObject
                {
                    ["status"] = "passed",
                    ["id-class"] = idClass,
                    ["country-code"] = country,
                    ["identification-number"] = documentNumber,
                    ["name-first"] = "Ada",
                    ["name-last"] = "Lovelace",
                },
            });
        }

        inquiry["included"] = included;
        return new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["type"] = "event",
                ["id"] = eventId,
                ["attributes"] = new JsonObject
                {
                    ["name"] = name,
                    ["payload"] = inquiry,
                    ["created-at"] = "2026-12-07T03:00:00.000Z",
                },
            },
        }.ToJsonString();
    }
}
