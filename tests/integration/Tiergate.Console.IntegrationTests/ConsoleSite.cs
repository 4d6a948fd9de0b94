using Microsoft.Extensions.DependencyInjection;
using Tiergate.Console.Hosting;
using Tiergate.Storage.Identity.Vendors;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Console.IntegrationTests;

/// <summary>The server as <c>tiergate serve</c> composes it (gateway + console on one port), mailing through a <see cref="LocalSmtp"/>.</summary>
public sealed class ConsoleSite : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly string _data;

    private ConsoleSite(GatewayHost host, LocalSmtp smtp, string data)
    {
        Host = host;
        Smtp = smtp;
        _data = data;
    }

    public GatewayHost Host { get; }

    /// <summary>The console's data directory (<c>outbox/</c>, <c>console-keys/</c>).</summary>
    public string DataDirectory => _data;

    public LocalSmtp Smtp { get; }

    /// <param name="editPolicy">Changes the sample policy's YAML before the server loads it (e.g. a tier in aggregate privacy).</param>
    /// <param name="identity">The identity vendors and affiliation domains (default none).</param>
    /// <param name="services">More services after the console's (e.g. a double of the identifier graph).</param>
    public static async Task<ConsoleSite> StartAsync(Func<string, string>? editPolicy = null, IdentityVendorOptions? identity = null, Action<IServiceCollection>? services = null)
    {
        var smtp = LocalSmtp.Start();
        var data = Directory.CreateTempSubdirectory("tiergate-console-").FullName;
        var options = new ConsoleOptions(new Uri("http://console.test"), data)
        {
            Smtp = new SmtpOptions("127.0.0.1", smtp.Port, "tiergate@console.test", null, null, "none"),
            Identity = identity ?? IdentityVendorOptions.None,
        };
        var console = TiergateConsole.Services(options);
        var host = await GatewayHost.StartAsync(TestStore.Sqlite, editPolicy, configureServices: s =>
        {
            console(s);
            services?.Invoke(s);
        }, mapEndpoints: TiergateConsole.Map);
        return new ConsoleSite(host, smtp, data);
    }

    public ConsoleBrowser Browser() => new(Host.BaseUrl);

    public static string NewEmail() => $"u{Guid.NewGuid():N}@example.org";

    /// <summary>Registers <paramref name="email"/> and confirms it through the mailed link.</summary>
    public async Task RegisterVerifiedAsync(string email, string password = Password)
    {
        using var browser = Browser();
        var registered = await browser.SubmitAsync("/register", new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.OK, registered.Status);
        var link = LocalSmtp.LinkIn(await Smtp.WaitForAsync(email, "Confirm your email"), "/verify");
        var verified = await browser.SubmitAsync(link, new Dictionary<string, string>());
        Assert.Contains("confirmed", verified.Main, StringComparison.Ordinal);
    }

    public async Task<ConsoleBrowser> SignedInAsync(string email, string password = Password)
    {
        var browser = Browser();
        var page = await browser.SubmitAsync("/login", new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, page.Status);
        return browser;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
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
