using Tiergate.Core.Errors;
using Tiergate.Core.Identity;

namespace Tiergate.Storage.Identity.Vendors;

/// <summary>
/// Starts an identity verification at a vendor: creates the session (Stripe) or inquiry (Persona), records it as a
/// <see cref="VerificationOutcome.Pending"/> verification whose vendor reference is the session id (so the webhook finds it),
/// and answers the hosted flow to send the applicant to.
/// </summary>
public sealed class VerificationSessions(IdentityVendorOptions options, StripeIdentityClient? stripe, PersonaClient? persona, IIdentityVerifications verifications)
{
    /// <summary>The configured vendors, in the order the console offers them.</summary>
    public IReadOnlyList<string> Vendors { get; } =
        new[] { VendorNames.Stripe, VendorNames.Persona }.Where(options.IsConfigured).ToList();

    public async Task<Uri> StartAsync(string vendor, long userId, Uri returnUrl, string actor, CancellationToken cancellationToken = default)
    {
        VendorSession session;
        try
        {
            session = vendor switch
            {
                VendorNames.Stripe when stripe is not null => await stripe.CreateSessionAsync(userId, returnUrl, cancellationToken),
                VendorNames.Persona when persona is not null => await persona.CreateInquiryAsync(userId, returnUrl, cancellationToken),
                _ => throw new TiergateException(VendorErrors.VendorNotConfigured, $"The identity vendor '{vendor}' is not configured here."),
            };
        }
        catch (VendorUnavailableException e)
        {
            throw new TiergateException(VendorErrors.VendorUnavailable, $"The identity vendor could not start a verification ({e.Message}); try again later.");
        }

        var method = VendorNames.MethodOf(vendor);
        await verifications.RecordAsync(userId, new NewVerification(VerificationKind.Identity, method, VerificationOutcome.Pending, $"started: session {session.Id}", session.Id), actor, cancellationToken);
        return session.Url;
    }
}
