using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;
using Tiergate.Core.Errors;
using Tiergate.Storage.Accounts.Mfa;

namespace Tiergate.Console.Passkeys;

/// <summary>
/// The WebAuthn checks, done by the Fido2 library against the options this server sent: challenge, origin,
/// relying-party id, user presence and verification, signature, counter. Every failure is a code, never an exception.
/// </summary>
public sealed class PasskeyVerifier(PasskeyRelyingParty relyingParty, PasskeyStore passkeys)
{
    private readonly Fido2 _fido2 = relyingParty.Fido2();

    /// <summary>Options for a new resident passkey with user verification; the user's passkeys are excluded (no duplicate on one authenticator).</summary>
    public CredentialCreateOptions CreationOptions(long userId, string email, IReadOnlyList<byte[]> existing) =>
        _fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = PasskeyUserHandle.Of(userId), Name = email, DisplayName = email },
            ExcludeCredentials = [.. existing.Select(id => new PublicKeyCredentialDescriptor(id))],
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Required,
                UserVerification = UserVerificationRequirement.Required,
            },
            AttestationPreference = AttestationConveyancePreference.None,
            PubKeyCredParams = [PubKeyCredParam.ES256, PubKeyCredParam.RS256, PubKeyCredParam.Ed25519],
        });

    /// <summary>Options for an assertion: with no allowed list the authenticator offers its discoverable passkeys.</summary>
    public AssertionOptions AssertionOptions(IReadOnlyList<byte[]> allowed) =>
        _fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [.. allowed.Select(id => new PublicKeyCredentialDescriptor(id))],
            UserVerification = UserVerificationRequirement.Required,
        });

    /// <summary>Verifies a registration answer against the options sent; null with the refusal when it fails.</summary>
    public async Task<(RegisteredPublicKeyCredential? Credential, PasskeyOutcome? Refusal)> VerifyRegistrationAsync(AuthenticatorAttestationRawResponse answer, string optionsJson, CancellationToken cancellationToken)
    {
        try
        {
            var options = CredentialCreateOptions.FromJson(optionsJson);
            var credential = await _fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = answer,
                OriginalOptions = options,
                IsCredentialIdUniqueToUserCallback = async (p, ct) => await passkeys.FindAsync(p.CredentialId, ct) is null,
            }, cancellationToken);
            return (credential, null);
        }
        catch (Fido2VerificationException e) when (e.Code == Fido2ErrorCode.NonUniqueCredentialId)
        {
            return (null, PasskeyOutcome.Refused(PasskeyErrors.AlreadyRegistered, "This passkey is already registered."));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Malformed CBOR, a bad signature, the wrong origin or challenge: all the client's doing, all one answer.
            return (null, PasskeyOutcome.Refused(PasskeyErrors.Invalid, "The authenticator's answer could not be verified."));
        }
    }

    /// <summary>
    /// Verifies an assertion: the credential must be registered (and, when <paramref name="expectedUserId"/> is
    /// given, be that user's); its user handle, when returned, must name its owner; the counter must rise.
    /// </summary>
    public async Task<PasskeyOutcome> VerifyAssertionAsync(AuthenticatorAssertionRawResponse answer, string optionsJson, long? expectedUserId, CancellationToken cancellationToken)
    {
        var stored = answer.RawId is { } rawId ? await passkeys.FindAsync(rawId, cancellationToken) : null;
        if (stored is null || (expectedUserId is { } expected && stored.UserId != expected))
        {
            return PasskeyOutcome.Refused(PasskeyErrors.Unknown, "This passkey is not registered for this account.");
        }

        VerifyAssertionResult result;
        try
        {
            result = await _fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = answer,
                OriginalOptions = Fido2NetLib.AssertionOptions.FromJson(optionsJson),
                StoredPublicKey = stored.PublicKey,
                StoredSignatureCounter = (uint)stored.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (p, _) => Task.FromResult(PasskeyUserHandle.Names(p.UserHandle, stored.UserId)),
            }, cancellationToken);
        }
        catch (Fido2VerificationException e) when (e.Code == Fido2ErrorCode.InvalidSignCount)
        {
            return PasskeyOutcome.Refused(PasskeyErrors.SignCountRegressed, "The authenticator's counter went backwards: this answer was used before, or the authenticator was copied.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return PasskeyOutcome.Refused(PasskeyErrors.Invalid, "The authenticator's answer could not be verified.");
        }

        if (!await passkeys.RecordUseAsync(stored, result.SignCount, cancellationToken))
        {
            return PasskeyOutcome.Refused(PasskeyErrors.SignCountRegressed, "The authenticator's counter went backwards: this answer was used before, or the authenticator was copied.");
        }

        return new PasskeyOutcome(stored.UserId, null, "ok");
    }

    internal static string Transports(AuthenticatorTransport[]? transports) =>
        transports is null ? "" : string.Join(',', transports.Select(t => t.ToString().ToLowerInvariant()).Distinct(StringComparer.Ordinal).Take(8));

    internal static ErrorCode Code(PasskeyOutcome outcome) => outcome.Error ?? PasskeyErrors.Invalid;
}
