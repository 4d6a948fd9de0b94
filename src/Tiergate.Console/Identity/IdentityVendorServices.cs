using Microsoft.Extensions.DependencyInjection;
using Tiergate.Core.Audit;
using Tiergate.Storage;
using Tiergate.Storage.Identity;
using Tiergate.Storage.Identity.Links;
using Tiergate.Storage.Identity.Vendors;

namespace Tiergate.Console.Identity;

/// <summary>
/// The vendors' clients, the webhook processing, starting sessions and institutional affiliation. Each needs
/// <see cref="IIdentityVerifications"/>; the identifier graph (<see cref="IIdentifierGraph"/>) is used when registered.
/// </summary>
internal static class IdentityVendorServices
{
    /// <summary>A vendor's API gets this long to answer before the attempt counts as <c>vendor_unavailable</c>.</summary>
    private static readonly TimeSpan VendorTimeout = TimeSpan.FromSeconds(20);

    public static void Add(IServiceCollection services, IdentityVendorOptions options)
    {
        services.AddSingleton(options);
        services.AddHttpClient(StripeIdentityClient.HttpClientName, c => c.Timeout = VendorTimeout);
        services.AddHttpClient(PersonaClient.HttpClientName, c => c.Timeout = VendorTimeout);
        services.AddSingleton(sp => new WebhookEventLog(sp.GetRequiredService<TiergateDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new VendorWebhooks(
            options,
            sp.GetRequiredService<IIdentityVerifications>(),
            sp.GetService<IIdentifierGraph>(),
            sp.GetRequiredService<WebhookEventLog>(),
            Stripe(sp, options),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new VerificationSessions(options, Stripe(sp, options), Persona(sp, options), sp.GetRequiredService<IIdentityVerifications>()));
        services.AddSingleton(sp => new InstitutionalAffiliation(sp.GetRequiredService<TiergateDatabase>(), sp.GetRequiredService<IIdentityVerifications>(), options, sp.GetRequiredService<TimeProvider>()));
    }

    private static StripeIdentityClient? Stripe(IServiceProvider sp, IdentityVendorOptions options) => options.Stripe is { } stripe
        ? new StripeIdentityClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(StripeIdentityClient.HttpClientName), stripe)
        : null;

    private static PersonaClient? Persona(IServiceProvider sp, IdentityVendorOptions options) => options.Persona is { } persona
        ? new PersonaClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(PersonaClient.HttpClientName), persona)
        : null;
}
