using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiergate.Console.Auth;
using Tiergate.Console.Mail;
using Tiergate.Console.Identity;
using Tiergate.Console.Passkeys;
using Tiergate.Console.Security;
using Tiergate.Core.Audit;
using Tiergate.Core.Notifications;
using Tiergate.Core.Keys;
using Tiergate.Storage;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Accounts.Credentials;
using Tiergate.Storage.Accounts.Mfa;
using Tiergate.Storage.Accounts.Sessions;
using Tiergate.Storage.Accounts.Users;
using Tiergate.Core.Policy;

namespace Tiergate.Console.Hosting;

/// <summary>
/// Composes the console into the <c>tiergate serve</c> host: pass <see cref="Services"/> and <see cref="Map"/>
/// to <c>TiergateServer.BuildAsync</c> (the CLI and the tests do exactly that). The gateway's <c>/v1</c> group
/// and the health endpoints are left alone: no cookie, header or antiforgery rule applies to them.
/// </summary>
public static class TiergateConsole
{
    public static Action<IServiceCollection> Services(ConsoleOptions options) => services => AddTiergateConsole(services, options);

    public static void AddTiergateConsole(this IServiceCollection services, ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddRazorPages(pages => pages.RootDirectory = "/Pages")
            .AddMvcOptions(mvc => mvc.Filters.Add<ConsoleErrorFilter>())
            .ConfigureApplicationPartManager(parts =>
            {
                // Only this assembly's pages, whatever the entry assembly is (the CLI, a test host).
                var assembly = typeof(TiergateConsole).Assembly;
                foreach (var part in parts.ApplicationParts.Where(p => p is AssemblyPart a && a.Assembly == assembly).ToList())
                {
                    parts.ApplicationParts.Remove(part);
                }

                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                {
                    parts.ApplicationParts.Add(part);
                }
            });
        services.AddDataProtection()
            .SetApplicationName("tiergate-console")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDirectory, "console-keys")));
        KeyRingXmlEncryptor.Register(services);
        services.AddAntiforgery(a =>
        {
            a.Cookie.Name = "tiergate_af";
            a.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            a.Cookie.SameSite = SameSiteMode.Strict;
            a.FormFieldName = "__af";
        });
        services.AddAuthentication(ConsoleAuth.Scheme)
            .AddCookie(ConsoleAuth.Scheme, c =>
            {
                c.Cookie.Name = ConsoleAuth.SessionCookie;
                c.Cookie.HttpOnly = true;
                c.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                c.Cookie.SameSite = SameSiteMode.Lax;
                c.ExpireTimeSpan = SessionStore.IdleTimeout;
                c.SlidingExpiration = true;
                c.LoginPath = "/login";
                c.LogoutPath = "/logout";
                c.AccessDeniedPath = "/";
                c.EventsType = typeof(SessionValidation);
            })
            .AddCookie(ConsoleAuth.PendingScheme, c =>
            {
                c.Cookie.Name = ConsoleAuth.PendingCookie;
                c.Cookie.HttpOnly = true;
                c.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                c.Cookie.SameSite = SameSiteMode.Strict;
                c.ExpireTimeSpan = ConsoleAuth.PendingLifetime;
                c.SlidingExpiration = false;
                c.LoginPath = "/login";
            });
        services.AddAuthorization();
        services.AddSingleton<SessionValidation>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SessionSignIn>();
        services.AddSingleton(sp => new SignInIdentifiers(new Tiergate.Storage.Identity.Links.IdentifierGraph(sp.GetRequiredService<TiergateDatabase>(), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<TimeProvider>()), sp.GetRequiredService<ILogger<SignInIdentifiers>>(), sp.GetService<Tiergate.Storage.Identity.Links.AsnLookup>()));
        services.AddSingleton<AccountMail>();
        services.AddSingleton(PasswordHasher.Default);
        services.AddSingleton(sp => new SessionStore(sp.GetRequiredService<TiergateDatabase>(), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => sp.GetRequiredService<AccountServices>().Mfa);
        services.AddSingleton(sp => AccountServices.Create(
            sp.GetRequiredService<TiergateDatabase>(), sp.GetRequiredService<PolicyDocument>(), sp.GetRequiredService<ApiKeyHasher>(),
            sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<IUserNotifier>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => sp.GetRequiredService<AccountServices>().Users);
        services.AddSingleton(sp => sp.GetRequiredService<AccountServices>().Grants);
        services.AddSingleton(sp => sp.GetRequiredService<AccountServices>().Keys);
        services.AddSingleton(sp => sp.GetRequiredService<AccountServices>().Applications);
        services.AddSingleton(sp => sp.GetRequiredService<AccountServices>().Verifications);
        services.AddSingleton(sp => new ConsoleAccounts(sp.GetRequiredService<TiergateDatabase>(), sp.GetRequiredService<IUserAdministration>(), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<PasswordHasher>()));
        services.AddSingleton<IUserNotifier>(sp => options.Smtp is { } smtp
            ? new SmtpUserNotifier(smtp)
            : new OutboxUserNotifier(Path.Combine(options.DataDirectory, "outbox"), options.OutboxFrom, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<OutboxUserNotifier>>()));
        services.AddSingleton<MailQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<MailQueue>());
        services.AddSingleton(sp => new GrantExpiryReminders(sp.GetRequiredService<TiergateDatabase>(), sp.GetRequiredService<IUserNotifier>(), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<GrantReminderService>();
        AddPasskeys(services, options);
        IdentityVendorServices.Add(services, options.Identity);
    }

    /// <summary>Passkeys: the relying party is the public URL's host and origin (a test may register another after this).</summary>
    private static void AddPasskeys(IServiceCollection services, ConsoleOptions options)
    {
        services.AddSingleton(PasskeyRelyingParty.From(options.PublicBaseUrl));
        services.AddSingleton(sp => new PasskeyStore(sp.GetRequiredService<TiergateDatabase>(), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PasskeyCeremonies>();
        services.AddSingleton<PasskeyVerifier>();
    }

    /// <summary>The console's middleware (on console paths only) and routes.</summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(IsConsoleRequest, console =>
        {
            console.UseMiddleware<SecurityHeaders>();
            console.UseStatusCodePages(StatusPage.WriteAsync);
            console.UseAuthentication();
            console.UseAuthorization();
        });
        app.MapGet(StyleSheet.Path, StyleSheet.Serve);
        app.MapGet(PasskeyScript.Path, PasskeyScript.Serve);
        AccountPasskeyEndpoints.Map(app);
        LoginPasskeyEndpoints.Map(app);
        IdentityWebhookEndpoints.Map(app);
        app.MapRazorPages();
    }

    /// <summary>Everything but the gateway's API and the health probes.</summary>
    public static bool IsConsoleRequest(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/v1") && !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments("/readyz");
}
