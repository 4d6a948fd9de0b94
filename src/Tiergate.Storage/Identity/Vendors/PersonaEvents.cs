using System.Text.Json;

namespace Tiergate.Storage.Identity.Vendors;

/// <summary>
/// Persona's webhook event (JSON:API): <c>{"data":{"type":"event","id":"evt_…","attributes":{"name":"inquiry.approved",
/// "payload":{"data":{"type":"inquiry","id":"inq_…","attributes":{"status":…,"reference-id":…}},"included":[…]}}}}</c>.
/// The document comes from an included <c>verification/government-id</c> that passed.
/// </summary>
public static class PersonaEvents
{
    private const string Prefix = "inquiry.";

    public static VendorEvent? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), VendorJson.Options);
            var data = document.RootElement.Property("data");
            if (data.Property("type").String() is not "event" || data.Property("id").Token() is not { } id
                || data?.Path("attributes", "name").Token() is not { } name)
            {
                return null;
            }

            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return new VendorEvent(id, name, "", VendorResult.Ignored);
            }

            var payload = data.Value.Path("attributes", "payload");
            var inquiry = payload?.Property("data");
            if (inquiry.Property("type").String() is not "inquiry" || inquiry.Property("id").Token() is not { } reference)
            {
                return null;
            }

            return name[Prefix.Length..] switch
            {
                "approved" => new VendorEvent(id, name, reference, VendorResult.Verified, Document: Document(payload!.Value)),
                "declined" => new VendorEvent(id, name, reference, VendorResult.Failed, "declined"),
                "failed" => new VendorEvent(id, name, reference, VendorResult.Failed, "failed"),
                "completed" => new VendorEvent(id, name, reference, VendorResult.Pending),
                _ => new VendorEvent(id, name, reference, VendorResult.Ignored),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The first passed government-id verification among the payload's included resources.</summary>
    private static VerifiedDocument? Document(JsonElement payload)
    {
        if (payload.Property("included") is not { ValueKind: JsonValueKind.Array } included)
        {
            return null;
        }

        foreach (var resource in included.EnumerateArray())
        {
            var attributes = resource.Property("attributes");
            if (resource.Property("type").String() is "verification/government-id" && attributes.Property("status").String() is "passed")
            {
                return new VerifiedDocument(
                    attributes.Property("id-class").Token(),
                    (attributes.Property("issuing-country") ?? attributes.Property("country-code")).Token(),
                    attributes.Property("identification-number").String());
            }
        }

        return null;
    }
}
