using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tiergate.Storage.Identity.Vendors;

/// <summary>
/// Persona's HTTP API: <c>POST /api/v1/inquiries</c> with <c>{"data":{"attributes":{"inquiry-template-id":…,"reference-id":USER}}}</c>
/// answers the inquiry (<c>inq_…</c>); the applicant is sent to the hosted flow <c>/verify?inquiry-id=…</c>. Bearer API key.
/// </summary>
public sealed class PersonaClient(HttpClient http, PersonaVendorOptions options)
{
    public const string HttpClientName = "tiergate-identity-persona";

    public async Task<VendorSession> CreateInquiryAsync(long userId, Uri returnUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(returnUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.ApiBase, "api/v1/inquiries"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var attributes = new Dictionary<string, string>
        {
            ["inquiry-template-id"] = options.TemplateId,
            ["reference-id"] = userId.ToString(CultureInfo.InvariantCulture),
        };
        request.Content = JsonContent.Create(new { data = new { attributes } });
        string? id;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new VendorUnavailableException($"Persona refused to create an inquiry: HTTP {(int)response.StatusCode}");
            }

            using var inquiry = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken), VendorJson.Options);
            var data = inquiry.RootElement.Property("data");
            id = data.Property("type").String() is "inquiry" ? data.Property("id").Token() : null;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new VendorUnavailableException($"Persona did not answer the request to create an inquiry: {e.GetType().Name}", e);
        }

        if (id is null || !id.StartsWith("inq_", StringComparison.Ordinal))
        {
            throw new VendorUnavailableException("Persona answered the new inquiry without an inquiry id");
        }

        return new VendorSession(id, HostedFlow(id, returnUrl));
    }

    /// <summary>The hosted flow for an inquiry, returning the applicant to <paramref name="returnUrl"/> when done.</summary>
    public Uri HostedFlow(string inquiryId, Uri returnUrl) =>
        new(options.ApiBase, $"verify?inquiry-id={Uri.EscapeDataString(inquiryId)}&redirect-uri={Uri.EscapeDataString(returnUrl.AbsoluteUri)}");
}
