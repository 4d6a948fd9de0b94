using OtpNet;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Mfa;

namespace Tiergate.Storage.Tests.Accounts.Mfa;

public sealed class MfaServiceTests
{
    [Fact]
    public async Task VerifyAsync_TotpCodeUsedTwice_SecondIsRefused()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var (mfa, userId, secret) = await EnrolledAsync(f);
        f.Time.Advance(TimeSpan.FromMinutes(5));
        var code = TotpAlgorithm.Compute(secret, f.Time.GetUtcNow());

        Assert.Equal(SecondFactorResult.Totp, await mfa.VerifyAsync(userId, code, AccountsFixture.Actor));
        Assert.Equal(SecondFactorResult.Refused, await mfa.VerifyAsync(userId, code, AccountsFixture.Actor));
        Assert.Equal(["ok", "failed"], f.Audit.Events.Where(e => e.Action == "mfa.verify").Select(e => e.Outcome));
    }

    [Fact]
    public async Task VerifyAsync_CodeOfPreviousStepAfterLaterCodeUsed_IsRefused()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var (mfa, userId, secret) = await EnrolledAsync(f);
        f.Time.Advance(TimeSpan.FromMinutes(5));
        var now = f.Time.GetUtcNow();
        Assert.Equal(SecondFactorResult.Totp, await mfa.VerifyAsync(userId, TotpAlgorithm.Compute(secret, now), AccountsFixture.Actor));

        // Within the skew window, but not later than the step already used: a replay of an older code.
        var older = TotpAlgorithm.Compute(secret, now.AddSeconds(-TotpAlgorithm.StepSeconds));

        Assert.Equal(SecondFactorResult.Refused, await mfa.VerifyAsync(userId, older, AccountsFixture.Actor));
    }

    [Theory]
    [InlineData(-1, SecondFactorResult.Totp)]
    [InlineData(1, SecondFactorResult.Totp)]
    [InlineData(-2, SecondFactorResult.Refused)]
    [InlineData(2, SecondFactorResult.Refused)]
    public async Task VerifyAsync_CodeStepsAway_AcceptedOnlyWithinOneStep(int steps, SecondFactorResult expected)
    {
        await using var f = await AccountsFixture.CreateAsync();
        var (mfa, userId, secret) = await EnrolledAsync(f);
        f.Time.Advance(TimeSpan.FromMinutes(5));
        var code = TotpAlgorithm.Compute(secret, f.Time.GetUtcNow().AddSeconds(steps * TotpAlgorithm.StepSeconds));

        Assert.Equal(expected, await mfa.VerifyAsync(userId, code, AccountsFixture.Actor));
    }

    [Fact]
    public async Task VerifyAsync_RecoveryCode_WorksOnceAndOthersStillWork()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var mfa = new MfaService(f.Store.Database, f.Audit, f.Time);
        var secret = Base32Encoding.ToBytes((await mfa.BeginTotpAsync(user.Id, user.Email)).Secret);
        var codes = await mfa.ConfirmTotpAsync(user.Id, TotpAlgorithm.Compute(secret, f.Time.GetUtcNow()), AccountsFixture.Actor);

        Assert.NotNull(codes);
        Assert.Equal(MfaService.RecoveryCodeCount, codes.Distinct().Count());
        Assert.Equal(SecondFactorResult.RecoveryCode, await mfa.VerifyAsync(user.Id, codes[0], AccountsFixture.Actor));
        Assert.Equal(SecondFactorResult.Refused, await mfa.VerifyAsync(user.Id, codes[0], AccountsFixture.Actor));
        Assert.Equal(SecondFactorResult.RecoveryCode, await mfa.VerifyAsync(user.Id, codes[1].ToLowerInvariant(), AccountsFixture.Actor));
        Assert.Equal(MfaService.RecoveryCodeCount - 2, (await mfa.StatusAsync(user.Id)).RecoveryCodesLeft);
    }

    [Fact]
    public async Task ConfirmTotpAsync_WrongCode_ReturnsNullAndLeavesMfaUnenrolled()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var mfa = new MfaService(f.Store.Database, f.Audit, f.Time);
        var secret = Base32Encoding.ToBytes((await mfa.BeginTotpAsync(user.Id, user.Email)).Secret);
        var wrong = TotpAlgorithm.Compute(secret, f.Time.GetUtcNow().AddMinutes(10));

        Assert.Null(await mfa.ConfirmTotpAsync(user.Id, wrong, AccountsFixture.Actor));
        var status = await mfa.StatusAsync(user.Id);
        Assert.False(status.TotpEnrolled);
        Assert.Equal("invalid_code", f.Audit.Events.Single(e => e.Action == "mfa.totp.enrol").Outcome);
    }

    private static async Task<(MfaService Mfa, long UserId, byte[] Secret)> EnrolledAsync(AccountsFixture f)
    {
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var mfa = new MfaService(f.Store.Database, f.Audit, f.Time);
        var secret = Base32Encoding.ToBytes((await mfa.BeginTotpAsync(user.Id, user.Email)).Secret);
        Assert.NotNull(await mfa.ConfirmTotpAsync(user.Id, TotpAlgorithm.Compute(secret, f.Time.GetUtcNow()), AccountsFixture.Actor));
        return (mfa, user.Id, secret);
    }
}
