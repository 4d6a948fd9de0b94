using OtpNet;
using Tiergate.Storage.Accounts.Mfa;
using Tiergate.Testing.Cli;

namespace Tiergate.Server.IntegrationTests;

/// <summary><c>tiergate users mfa enrol-totp</c>, run as a process.</summary>
public sealed class UsersMfaCliTests
{
    [Fact]
    public async Task EnrolTotp_ExistingUser_PrintsSecretAndUriOnceAndAudits()
    {
        var cli = TiergateCli.InTempDirectory();
        await cli.JsonAsync("users", "add", "--email", "svc@example.org");

        var (exit, json) = await cli.JsonAsync("users", "mfa", "enrol-totp", "--user", "SVC@example.org");
        var (againExit, again) = await cli.JsonAsync("users", "mfa", "enrol-totp", "--user", "svc@example.org");

        Assert.Equal(0, exit);
        Assert.Equal("svc@example.org", (string?)json["user"]);
        var secret = (string?)json["secret"];
        Assert.Equal(32, secret?.Length);
        Assert.Equal(20, Base32Encoding.ToBytes(secret).Length);
        Assert.Equal(TotpAlgorithm.Uri(Base32Encoding.ToBytes(secret), MfaService.Issuer, "svc@example.org"), (string?)json["otpauth_uri"]);
        Assert.Equal(1, againExit);
        Assert.Equal("mfa_already_enrolled", (string?)again["error"]?["code"]);
        Assert.DoesNotContain(secret!, again.ToJsonString(), StringComparison.Ordinal);

        var export = Path.Combine(cli.DataDirectory, "audit.jsonl");
        Assert.Equal(0, (await cli.RunAsync("audit", "export", "--output", export)).Item1);
        var enrolled = File.ReadAllLines(export).Where(l => l.Contains("mfa.totp.enrol", StringComparison.Ordinal)).ToList();
        Assert.Single(enrolled);
        Assert.Contains("\"cli:", enrolled[0], StringComparison.Ordinal);
        Assert.DoesNotContain(secret!, File.ReadAllText(export), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnrolTotp_UnknownUser_FailsWithUnknownUser()
    {
        var cli = TiergateCli.InTempDirectory();
        await cli.JsonAsync("users", "add", "--email", "ada@example.org");

        var (exit, json) = await cli.JsonAsync("users", "mfa", "enrol-totp", "--user", "nobody@example.org");

        Assert.Equal(1, exit);
        Assert.Equal("unknown_user", (string?)json["error"]?["code"]);
    }
}
