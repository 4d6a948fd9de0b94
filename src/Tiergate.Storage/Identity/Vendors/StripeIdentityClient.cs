using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Tiergate.Storage.Identity.Vendors;

/// <summary>
/// Stripe Identity's HTTP API: <c>POST /v1/identity/verification_sessions</c> (form-encoded, <c>type=document</c>, the user id in
/// <c>metadata[tiergate_user_id]</c>, <c>return_url</c>) answers the session with its hosted <c>url</c>; <c>GET …/{id}</c> with
/// <c>expand[]</c> reads what was verified. Authenticated with the secret (or restricted) key as a bearer token.
/// </summary>
public sealed class StripeIdentityClient(HttpClient http, StripeVendorOptions options)
{
    public const string HttpClientName = "tiergate-identity-stripe";

    public async Task<VendorSession> CreateSessionAsync(long userId, Uri returnUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(returnUrl);
        var user = userId.ToString(CultureInfo.InvariantCulture);
        using var request = Request(HttpMethod.Post, "v1/identity/verification_sessions");
        request.Content = new FormUrlEncodedContent(
        [
            new("type", "document"),
            new("client_reference_id", user),
            new("metadata[tiergate_user_id]", user),
            new("return_url", returnUrl.AbsoluteUri),
        ]);
        using var session = await SendAsync(request, "create a verification session", cancellationToken);
        var root = session.RootElement;
        if (root.Property("id").Token() is not { } id || !id.StartsWith("vs_", StringComparison.Ordinal)
            || !Uri.TryCreate(root.Property("url").String(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            throw new VendorUnavailableException("Stripe answered the new verification session without an id or url");
        }

        return new VendorSession(id, url);
    }

    /// <summary>The document of a verified session (type, issuing country, number), or null when the report has none.</summary>
    public async Task<VerifiedDocument?> GetVerifiedDocumentAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get,
            $"v1/identity/verification_sessions/{Uri.EscapeDataString(sessionId)}?expand[]=verified_outputs&expand[]=last_verification_report.document.number");
        using var session = await SendAsync(request, "read the verification session", cancellationToken);
        return StripeEvents.Document(session.RootElement);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(options.ApiBase, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.SecretKey);
        return request;
    }

    private async Task<JsonDocument> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new VendorUnavailableException($"Stripe refused to {what}: HTTP {(int)response.StatusCode}");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return JsonDocument.Parse(body, VendorJson.Options);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new VendorUnavailableException($"Stripe did not answer the request to {what}: {e.GetType().Name}", e);
        }
    }
}
