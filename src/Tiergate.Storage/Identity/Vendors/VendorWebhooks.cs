using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Core.Identity.Vendors;
using Tiergate.Storage.Identity.Links;

namespace Tiergate.Storage.Identity.Vendors;

/// <summary>
/// Processes one vendor webhook: the signature (and its time) first, then the body, the session it is about, the event id
/// (once only), and finally the verification record. Every refusal is audited as <c>identity.webhook</c> / <c>denied</c> with
/// its reason code and changes nothing; the body is never logged or audited.
/// </summary>
public sealed class VendorWebhooks(
    IdentityVendorOptions options,
    IIdentityVerifications verifications,
    IIdentifierGraph? graph,
    WebhookEventLog events,
    StripeIdentityClient? stripe,
    IAuditLog audit,
    TimeProvider time)
{
    /// <summary>Larger bodies are refused unread (a real event is a few kilobytes).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public async Task<WebhookAnswer> HandleAsync(string vendor, ReadOnlyMemory<byte> body, string? signatureHeader, CancellationToken cancellationToken = default)
    {
        if (options.WebhookSecret(vendor) is not { } secret)
        {
            return await DenyAsync(vendor, null, VendorErrors.VendorNotConfigured, $"The identity vendor '{vendor}' is not configured here.", cancellationToken);
        }

        switch (WebhookSignature.Verify(signatureHeader, body.Span, secret, time.GetUtcNow(), WebhookSignature.DefaultTolerance))
        {
            case WebhookSignatureCheck.Valid:
                break;
            case WebhookSignatureCheck.Stale:
                return await DenyAsync(vendor, null, VendorErrors.WebhookTimestampStale, "The signature's time is more than 300 s from now.", cancellationToken);
            default:
                return await DenyAsync(vendor, null, VendorErrors.WebhookSignatureInvalid, "The webhook's signature is missing or does not match.", cancellationToken);
        }

        var parsed = vendor == VendorNames.Stripe ? StripeEvents.Parse(body.Span) : PersonaEvents.Parse(body.Span);
        if (parsed is not { } e)
        {
            return await DenyAsync(vendor, null, VendorErrors.WebhookMalformed, "The body is not the vendor's event JSON.", cancellationToken);
        }

        if (e.Result == VendorResult.Ignored)
        {
            return WebhookAnswer.Done("ignored");
        }

        var method = VendorNames.MethodOf(vendor);
        if (await verifications.FindByVendorReferenceAsync(method, e.Reference, cancellationToken) is not { } record)
        {
            return await DenyAsync(vendor, e, VendorErrors.WebhookUnknownSession, "No verification was started with this session.", cancellationToken);
        }

        if (!await events.TryClaimAsync(vendor, e.EventId, cancellationToken))
        {
            await AuditAsync(vendor, e, record.UserId, "denied", VendorErrors.WebhookDuplicate.Name, cancellationToken);
            return new WebhookAnswer(200, VendorErrors.WebhookDuplicate, null, "This event was already processed.");
        }

        if (record.Outcome is not "pending")
        {
            // Events can arrive out of order, and a session's result is final: a late one changes nothing.
            return await FinalAsync(vendor, e, record, cancellationToken);
        }

        try
        {
            var outcome = await ApplyAsync(vendor, method, e, record, cancellationToken);
            await AuditAsync(vendor, e, record.UserId, "ok", outcome, cancellationToken);
            return WebhookAnswer.Done(outcome);
        }
        catch (TiergateException final) when (final.Code == IdentityErrors.VerificationFinal)
        {
            // Another event for the session was recorded in between.
            return await FinalAsync(vendor, e, record, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Processing did not finish: forget the event so that the vendor's retry is processed.
            await events.ReleaseAsync(vendor, e.EventId, CancellationToken.None);
            if (failure is VendorUnavailableException)
            {
                return await DenyAsync(vendor, e, VendorErrors.VendorUnavailable, "The vendor's API did not answer; retry later.", cancellationToken);
            }

            throw;
        }
    }

    private async Task<WebhookAnswer> FinalAsync(string vendor, VendorEvent e, VerificationView record, CancellationToken cancellationToken)
    {
        await AuditAsync(vendor, e, record.UserId, "denied", IdentityErrors.VerificationFinal.Name, cancellationToken);
        return new WebhookAnswer(200, IdentityErrors.VerificationFinal, record.Outcome, $"The session already has a final outcome ({record.Outcome}); this event changes nothing.");
    }

    /// <summary>A body over <see cref="MaxBodyBytes"/>, refused unread (audited like every refusal).</summary>
    public Task<WebhookAnswer> RefuseTooLargeAsync(string vendor, CancellationToken cancellationToken = default) =>
        DenyAsync(vendor, null, VendorErrors.WebhookTooLarge, $"The body is over {MaxBodyBytes} bytes.", cancellationToken);

    private async Task<string> ApplyAsync(string vendor, string method, VendorEvent e, VerificationView record, CancellationToken cancellationToken)
    {
        var actor = $"vendor:{vendor}";
        switch (e.Result)
        {
            case VendorResult.Pending:
                await verifications.RecordAsync(record.UserId, new NewVerification(VerificationKind.Identity, method, VerificationOutcome.Pending, $"{e.Type}: session {e.Reference}", e.Reference), actor, cancellationToken);
                return "pending";
            case VendorResult.Failed:
                await verifications.RecordAsync(record.UserId, new NewVerification(VerificationKind.Identity, method, VerificationOutcome.Failed, $"{e.Type}: {e.FailureCode}; session {e.Reference}", e.Reference), actor, cancellationToken);
                return "failed";
            default:
                var document = vendor == VendorNames.Stripe && stripe is not null
                    ? await stripe.GetVerifiedDocumentAsync(e.Reference, cancellationToken)
                    : e.Document;
                var refusal = await AttachAsync(record.UserId, document, method, actor, cancellationToken);
                var what = document is null ? "no document details" : $"document {document.Type ?? "unknown type"} issued by {document.Country ?? "unknown country"}";
                var verification = refusal is null
                    ? new NewVerification(VerificationKind.Identity, method, VerificationOutcome.Verified, $"session {e.Reference}; {what}", e.Reference, time.GetUtcNow().AddDays(options.VerificationValidDays))
                    : new NewVerification(VerificationKind.Identity, method, VerificationOutcome.Refused, $"refused: {refusal}; session {e.Reference}; {what}", e.Reference);
                await verifications.RecordAsync(record.UserId, verification, actor, cancellationToken);
                return refusal is null ? "verified" : "refused";
        }
    }

    /// <summary>Attaches the document and card to the user's identifiers; the first refusal (<c>identifier_banned</c>, <c>document_in_use</c>), or null.</summary>
    private async Task<string?> AttachAsync(long userId, VerifiedDocument? document, string method, string actor, CancellationToken cancellationToken)
    {
        if (graph is null || document is null)
        {
            return null;
        }

        var identifiers = new List<(IdentifierKind, string)>();
        if (document.Identifier is { } number)
        {
            identifiers.Add((IdentifierKind.Document, number));
        }

        if (!string.IsNullOrWhiteSpace(document.PaymentFingerprint))
        {
            identifiers.Add((IdentifierKind.Payment, document.PaymentFingerprint));
        }

        foreach (var (kind, value) in identifiers)
        {
            var attached = await graph.AttachAsync(userId, kind, value, method, actor, cancellationToken);
            if (!attached.Attached)
            {
                return attached.Refusal ?? "refused";
            }
        }

        return null;
    }

    private async Task<WebhookAnswer> DenyAsync(string vendor, VendorEvent? e, ErrorCode code, string message, CancellationToken cancellationToken)
    {
        await AuditAsync(vendor, e, null, "denied", code.Name, cancellationToken);
        return WebhookAnswer.Refused(code, message);
    }

    /// <summary>One audit record per webhook: the vendor, the reason or outcome, the event id and type once signed, never the body.</summary>
    private async Task AuditAsync(string vendor, VendorEvent? e, long? userId, string outcome, string reason, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["vendor"] = vendor, [outcome == "ok" ? "result" : "reason"] = reason };
        if (e is not null)
        {
            details["event"] = e.EventId;
            details["type"] = e.Type;
        }

        await audit.AppendAsync(new AuditEvent("identity.webhook", $"webhook:{vendor}", userId is { } id ? $"user:{id}" : e?.Reference, outcome, details), cancellationToken);
    }
}
