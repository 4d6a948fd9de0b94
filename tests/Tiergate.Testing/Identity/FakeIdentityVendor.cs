using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiergate.Core.Identity.Vendors;

namespace Tiergate.Testing.Identity;

/// <summary>
/// Stripe Identity and Persona on loopback, speaking their HTTP APIs as documented: creating a verification session
/// (form-encoded) and an inquiry (JSON:API), retrieving a session with its expanded report, each behind the bearer key
/// (401 in the vendor's error shape otherwise). It records what it was sent and sends signed webhooks to a Tiergate server.
/// </summary>
public sealed class FakeIdentityVendor : IAsyncDisposable
{
    public const string StripeSecretKey = "sk_test_fakevendor";
    public const string StripeWebhookSecret = "whsec_fakevendor";
    public const string PersonaApiKey = "persona_sandbox_fakevendor";
    public const string PersonaWebhookSecret = "wbhsec_fakevendor";
    public const string PersonaTemplateId = "itmpl_fakevendor";

    private readonly WebApplication _app;
    private readonly HttpClient _http = new();

    private FakeIdentityVendor(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Sessions and inquiries created: id → (user id, return url or template).</summary>
    public ConcurrentDictionary<string, (long UserId, string Detail)> Created { get; } = new();

    /// <summary>Each request's method, path and Authorization header.</summary>
    public ConcurrentQueue<(string Method, string Path, string Authorization)> Requests { get; } = new();

    /// <summary>The document each verified Stripe session reports (type, country, number).</summary>
    public ConcurrentDictionary<string, (string Type, string Country, string Number)> StripeDocuments { get; } = new();

    /// <summary>Status to answer every API call with instead (0: answer normally).</summary>
    public int FailWithStatus { get; set; }

    public static async Task<FakeIdentityVendor> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var vendor = new FakeIdentityVendor(app);
        app.MapPost("/v1/identity/verification_sessions", (Func<HttpContext, Task<IResult>>)vendor.CreateStripeSessionAsync);
        app.MapGet("/v1/identity/verification_sessions/{id}", (Func<HttpContext, string, IResult>)vendor.GetStripeSession);
        app.MapPost("/api/v1/inquiries", (Func<HttpContext, Task<IResult>>)vendor.CreatePersonaInquiryAsync);
        await app.StartAsync();
        vendor.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return vendor;
    }

    /// <summary>Signs <paramref name="body"/> as Stripe does and posts it to Tiergate's Stripe webhook endpoint.</summary>
    public Task<HttpResponseMessage> SendStripeAsync(Uri tiergate, string body, DateTimeOffset? signedAt = null, string? secret = null) =>
        PostAsync(new Uri(tiergate, "/identity/webhooks/stripe"), body, "Stripe-Signature", Sign(body, signedAt, secret ?? StripeWebhookSecret));

    /// <summary>Signs <paramref name="body"/> as Persona does and posts it to Tiergate's Persona webhook endpoint.</summary>
    public Task<HttpResponseMessage> SendPersonaAsync(Uri tiergate, string body, DateTimeOffset? signedAt = null, string? secret = null) =>
        PostAsync(new Uri(tiergate, "/identity/webhooks/persona"), body, "Persona-Signature", Sign(body, signedAt, secret ?? PersonaWebhookSecret));

    /// <summary>Posts a body with whatever signature header (or none) a hostile sender chooses.</summary>
    public async Task<HttpResponseMessage> PostAsync(Uri endpoint, string body, string header, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(header, signature);
        }

        return await _http.SendAsync(request);
    }

    public static string Sign(string body, DateTimeOffset? signedAt, string secret) =>
        WebhookSignature.Header((signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(body), secret);

    private async Task<IResult> CreateStripeSessionAsync(HttpContext context)
    {
        Record(context);
        if (Refusal(context, StripeSecretKey, stripe: true) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync();
        if (form["type"] != "document" || !long.TryParse(form["metadata[tiergate_user_id]"], NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            || !Uri.TryCreate(form["return_url"], UriKind.Absolute, out _))
        {
            return Results.Json(new { error = new { type = "invalid_request_error", message = "Missing type, metadata or return_url." } }, statusCode: 400);
        }

        var id = "vs_" + Guid.NewGuid().ToString("N")[..24];
        Created[id] = (userId, form["return_url"].ToString());
        return Results.Content(VendorFixtures.StripeSession(id, "requires_input", userId, url: $"https://verify.stripe.com/start/test_{id[3..]}").ToJsonString(), "application/json");
    }

    private IResult GetStripeSession(HttpContext context, string id)
    {
        Record(context);
        if (Refusal(context, StripeSecretKey, stripe: true) is { } refused)
        {
            return refused;
        }

        if (!Created.TryGetValue(id, out var created))
        {
            return Results.Json(new { error = new { type = "invalid_request_error", code = "resource_missing", message = $"No such verification session: '{id}'" } }, statusCode: 404);
        }

        var expand = context.Request.Query["expand[]"];
        var document = StripeDocuments.TryGetValue(id, out var d) && expand.Contains("last_verification_report.document.number") ? d : default;
        return Results.Content(VendorFixtures.StripeExpandedSession(id, created.UserId, document.Type, document.Country, document.Number).ToJsonString(), "application/json");
    }

    private async Task<IResult> CreatePersonaInquiryAsync(HttpContext context)
    {
        Record(context);
        if (Refusal(context, PersonaApiKey, stripe: false) is { } refused)
        {
            return refused;
        }

        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync());
        var attributes = body?["data"]?["attributes"];
        var template = attributes?["inquiry-template-id"]?.GetValue<string>();
        var reference = attributes?["reference-id"]?.GetValue<string>();
        if (template != PersonaTemplateId || !long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            return Results.Json(new { errors = new[] { new { title = "Bad request", details = "inquiry-template-id or reference-id" } } }, statusCode: 400);
        }

        var id = "inq_" + Guid.NewGuid().ToString("N")[..24];
        Created[id] = (userId, template);
        return Results.Content(VendorFixtures.PersonaInquiry(id, "created", reference!).ToJsonString(), "application/json", statusCode: 201);
    }

    private void Record(HttpContext context) =>
        Requests.Enqueue((context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString()));

    private IResult? Refusal(HttpContext context, string key, bool stripe)
    {
        if (FailWithStatus != 0)
        {
            return Results.StatusCode(FailWithStatus);
        }

        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var auth) || auth.Scheme != "Bearer" || auth.Parameter != key)
        {
            return stripe
                ? Results.Json(new { error = new { type = "invalid_request_error", message = "Invalid API Key provided." } }, statusCode: 401)
                : Results.Json(new { errors = new[] { new { title = "Must be authenticated to access this endpoint" } } }, statusCode: 401);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }
}
