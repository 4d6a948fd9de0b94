namespace Tiergate.Console.IntegrationTests;

/// <summary>The answers to register, sign-in and forgot are the same for a registered and an unknown address.</summary>
public sealed class EnumerationTests
{
    [Fact]
    public async Task Register_RegisteredAndUnknownEmail_AnswerTheSame()
    {
        await using var site = await ConsoleSite.StartAsync();
        var known = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(known);
        using var browser = site.Browser();

        var forKnown = await browser.SubmitAsync("/register", AccountFlowTests.Form(known, ConsoleSite.Password));
        var forUnknown = await browser.SubmitAsync("/register", AccountFlowTests.Form(ConsoleSite.NewEmail(), ConsoleSite.Password));

        Assert.Equal((forUnknown.Status, forUnknown.Main), (forKnown.Status, forKnown.Main));
        // The owner of the registered address is told by mail instead.
        await site.Smtp.WaitForAsync(known, "tried to register");
    }

    [Fact]
    public async Task Login_WrongPasswordForRegisteredAndUnknownEmail_AnswerTheSame()
    {
        await using var site = await ConsoleSite.StartAsync();
        var known = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(known);
        using var browser = site.Browser();

        var forKnown = await browser.SubmitAsync("/login", AccountFlowTests.Form(known, "not the password at all"));
        var forUnknown = await browser.SubmitAsync("/login", AccountFlowTests.Form(ConsoleSite.NewEmail(), "not the password at all"));

        Assert.Equal((forUnknown.Status, forUnknown.Main), (forKnown.Status, forKnown.Main));
        Assert.False(forKnown.SignedIn);
    }

    [Fact]
    public async Task Forgot_RegisteredAndUnknownEmail_AnswerTheSame()
    {
        await using var site = await ConsoleSite.StartAsync();
        var known = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(known);
        using var browser = site.Browser();

        var forKnown = await browser.SubmitAsync("/forgot", new Dictionary<string, string> { ["email"] = known });
        var forUnknown = await browser.SubmitAsync("/forgot", new Dictionary<string, string> { ["email"] = ConsoleSite.NewEmail() });

        Assert.Equal((forUnknown.Status, forUnknown.Main), (forKnown.Status, forKnown.Main));
    }
}
