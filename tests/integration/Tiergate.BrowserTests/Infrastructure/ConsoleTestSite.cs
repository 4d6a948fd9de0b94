using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tiergate.Console.Hosting;
using Tiergate.Console.IntegrationTests;
using Tiergate.Console.Passkeys;

namespace Tiergate.BrowserTests.Infrastructure;

/// <summary>
/// The server as <c>tiergate serve</c> composes it with the console (<see cref="TiergateConsole"/>), mailing through a
/// <see cref="LocalSmtp"/>, seen by the browser at <c>http://localhost:PORT</c>. The passkey relying party is that
/// origin: the port is known only once the server listens, so it is read from the server then (a deployment takes
/// it from its public URL).
/// </summary>
public sealed class ConsoleTestSite : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly string _data;

    private ConsoleTestSite(TestSite site, LocalSmtp smtp, string data)
    {
        Site = site;
        Smtp = smtp;
        _data = data;
    }

    public TestSite Site { get; }

    public LocalSmtp Smtp { get; }

    public string Url(string path) => Site.Url(path);

    /// <param name="time">The server's clock (a FakeTimeProvider to move minutes on); default the system clock.</param>
    public static async Task<ConsoleTestSite> StartAsync(TimeProvider? time = null, Func<string, string>? editPolicy = null)
    {
        var smtp = LocalSmtp.Start();
        var data = Directory.CreateTempSubdirectory("tiergate-browser-console-").FullName;
        var options = new ConsoleOptions(new Uri("http://localhost"), data)
        {
            Smtp = new SmtpOptions("127.0.0.1", smtp.Port, "tiergate@localhost", null, null, "none"),
        };
        var site = await TestSite.StartAsync(
            mapEndpoints: TiergateConsole.Map,
            configureServices: services =>
            {
                TiergateConsole.Services(options)(services);
                services.AddSingleton(sp => RelyingPartyAtListeningPort(sp.GetRequiredService<IServer>()));
            },
            editPolicy: editPolicy,
            time: time);
        return new ConsoleTestSite(site, smtp, data);
    }

    public static string NewEmail() => $"u{Guid.NewGuid():N}@example.org";

    /// <summary>Registers on /register, confirms the address through the link the SMTP server received, and signs in on /login.</summary>
    public async Task RegisterVerifiedAndSignInAsync(IPage page, string email)
    {
        await page.GotoAsync(Url("/register"));
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Check your email");

        var link = LocalSmtp.LinkIn(await Smtp.WaitForAsync(email, "Confirm your email"), "/verify");
        await page.GotoAsync(Url(link));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email address" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("confirmed");

        await page.GotoAsync(Url("/login"));
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Locator("main form").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(Url("/account"));
    }

    private static PasskeyRelyingParty RelyingPartyAtListeningPort(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server is not listening yet.");
        return new PasskeyRelyingParty(TestSite.RelyingPartyId, $"http://{TestSite.RelyingPartyId}:{new Uri(address).Port}");
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Smtp.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
