using System.Text;
using OtpNet;
using Tiergate.Storage.Accounts.Mfa;

namespace Tiergate.Storage.Tests.Accounts.Mfa;

public sealed class TotpAlgorithmTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 15, TimeSpan.Zero);

    /// <summary>RFC 6238 Appendix B: 8 digits, 30-second steps, ASCII seeds of 20/32/64 bytes.</summary>
    [Theory]
    [InlineData(59L, "94287082", "46119246", "90693936")]
    [InlineData(1111111109L, "07081804", "68084774", "25091201")]
    [InlineData(1111111111L, "14050471", "67062674", "99943326")]
    [InlineData(1234567890L, "89005924", "91819424", "93441116")]
    [InlineData(2000000000L, "69279037", "90698825", "38618901")]
    [InlineData(20000000000L, "65353130", "77737706", "47863826")]
    public void Compute_Rfc6238AppendixB_MatchesTestVectors(long unixSeconds, string sha1, string sha256, string sha512)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.Equal(sha1, TotpAlgorithm.Compute(Seed(20), at, OtpHashMode.Sha1, 8));
        Assert.Equal(sha256, TotpAlgorithm.Compute(Seed(32), at, OtpHashMode.Sha256, 8));
        Assert.Equal(sha512, TotpAlgorithm.Compute(Seed(64), at, OtpHashMode.Sha512, 8));
    }

    [Theory]
    [InlineData(59L, "94287082", OtpHashMode.Sha1, 20)]
    [InlineData(1111111109L, "68084774", OtpHashMode.Sha256, 32)]
    [InlineData(20000000000L, "47863826", OtpHashMode.Sha512, 64)]
    public void MatchStep_Rfc6238Vector_ReturnsItsTimeStep(long unixSeconds, string code, OtpHashMode mode, int seedLength)
    {
        var step = TotpAlgorithm.MatchStep(Seed(seedLength), code, DateTimeOffset.FromUnixTimeSeconds(unixSeconds), mode, 8);

        Assert.Equal(unixSeconds / TotpAlgorithm.StepSeconds, step);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void MatchStep_CodeWithinOneStep_IsAccepted(int steps)
    {
        var secret = TotpAlgorithm.NewSecret();
        var code = TotpAlgorithm.Compute(secret, Now.AddSeconds(steps * TotpAlgorithm.StepSeconds));

        Assert.Equal(Now.ToUnixTimeSeconds() / TotpAlgorithm.StepSeconds + steps, TotpAlgorithm.MatchStep(secret, code, Now));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public void MatchStep_CodeTwoStepsAway_IsRefused(int steps)
    {
        var secret = TotpAlgorithm.NewSecret();
        var code = TotpAlgorithm.Compute(secret, Now.AddSeconds(steps * TotpAlgorithm.StepSeconds));

        Assert.Null(TotpAlgorithm.MatchStep(secret, code, Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void MatchStep_MalformedCode_IsRefused(string code) =>
        Assert.Null(TotpAlgorithm.MatchStep(TotpAlgorithm.NewSecret(), code, Now));

    [Fact]
    public void Uri_Secret_IsKeyUriFormatWithBase32SecretAndIssuer()
    {
        var secret = Seed(20);

        var uri = TotpAlgorithm.Uri(secret, "Tiergate", "ada@example.org");

        Assert.Equal("otpauth://totp/Tiergate:ada%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Tiergate&algorithm=SHA1&digits=6&period=30", uri);
    }

    private static byte[] Seed(int length) =>
        Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1234567890", 7))[..length]);
}
