namespace Tiergate.Console.Hosting;

/// <summary>What the console is composed from; <c>tiergate serve</c> builds it from the deployment settings, tests directly.</summary>
/// <param name="PublicBaseUrl">Where users reach this server: the base of every link in mail (<c>https://tiergate.example.org</c>).</param>
/// <param name="DataDirectory">The data directory: <c>outbox/</c> (mail when no SMTP server is set) and <c>console-keys/</c> (cookie keys).</param>
public sealed record ConsoleOptions(Uri PublicBaseUrl, string DataDirectory)
{
    /// <summary>The SMTP server; null writes each message to <c>DATA/outbox/</c> (the quick start).</summary>
    public SmtpOptions? Smtp { get; init; }

    /// <summary>The sender written into outbox messages when no SMTP server is set.</summary>
    public string OutboxFrom { get; init; } = "tiergate@localhost";

    /// <summary>The identity vendors and affiliation domains (<c>identity:</c> settings); none by default, so the console offers neither.</summary>
    public Storage.Identity.Vendors.IdentityVendorOptions Identity { get; init; } = Storage.Identity.Vendors.IdentityVendorOptions.None;

    /// <summary>Failed sign-ins from one source address within <see cref="ThrottleWindow"/> before it is refused for the rest of the window.</summary>
    public int SourceFailureLimit { get; init; } = 30;

    /// <summary>Failed sign-ins on one account within the window before each further attempt is slowed (never locked).</summary>
    public int AccountFailuresBeforeDelay { get; init; } = 5;

    /// <summary>The slow-down per attempt past the limit, doubling up to <see cref="MaxAccountDelay"/>.</summary>
    public TimeSpan AccountDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxAccountDelay { get; init; } = TimeSpan.FromSeconds(8);

    public TimeSpan ThrottleWindow { get; init; } = TimeSpan.FromMinutes(15);
}
