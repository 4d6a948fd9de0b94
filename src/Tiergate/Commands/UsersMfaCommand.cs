using System.CommandLine;
using Tiergate.Cli;

namespace Tiergate.Commands;

/// <summary>
/// <c>tiergate users mfa enrol-totp --user E</c>: enrols TOTP on a user's behalf (service accounts, headless
/// set-ups) and prints the secret and <c>otpauth://</c> URI once; audited as <c>mfa.totp.enrol</c> by the CLI's actor.
/// </summary>
internal static class UsersMfaCommand
{
    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "The user's email address.", Required = true };
        var enrol = new Command("enrol-totp", "Enrol a TOTP authenticator for a user and print its secret and otpauth:// URI once (refused when one is enrolled).") { user };
        enrol.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var (userId, email, enrolment) = await cli.Mfa.EnrolTotpForAsync(result.GetValue(user)!, CliContext.Actor, ct);
            return output.Success(
                new { user = email, user_id = userId, secret = enrolment.Secret, otpauth_uri = enrolment.OtpAuthUri },
                $"Enrolled TOTP for {email} (id {userId}). Shown once; store it in the authenticator now.\nsecret: {enrolment.Secret}\nuri:    {enrolment.OtpAuthUri}");
        }, ct));

        return new Command("mfa", "Manage users' second factors.") { enrol };
    }
}
