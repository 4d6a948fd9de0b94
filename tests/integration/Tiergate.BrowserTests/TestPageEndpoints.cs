using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tiergate.BrowserTests;

/// <summary>
/// Pages the infrastructure tests map into the real server through the same hook as the console: a form,
/// and a passkey page whose script (a file from the same origin) calls navigator.credentials. Served under
/// the console's kind of Content-Security-Policy, so inline script would be refused as it will be there.
/// </summary>
public static class TestPageEndpoints
{
    /// <summary>The fixed challenge the options endpoint hands out (32 bytes, base64url).</summary>
    public static readonly string Challenge = Base64Url("tiergate-browser-test-challenge!"u8.ToArray());

    public static readonly string UserId = Base64Url("user-0001"u8.ToArray());

    public const string UserName = "ada@example.org";

    private const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    public static void Map(WebApplication app)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestPages");
        // Only the files that exist at start, by exact name: a route value never becomes a path.
        foreach (var file in Directory.GetFiles(folder))
        {
            var name = Path.GetFileName(file);
            var type = ContentTypes[Path.GetExtension(name)];
            app.MapGet($"/test/{name}", async (HttpContext http) =>
            {
                Secure(http);
                http.Response.ContentType = type;
                await http.Response.SendFileAsync(file);
            });
        }

        app.MapPost("/test/form", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var name = WebUtility.HtmlEncode(form["displayName"].ToString());
            var tier = WebUtility.HtmlEncode(form["tier"].ToString());
            Secure(http);
            http.Response.ContentType = ContentTypes[".html"];
            await http.Response.WriteAsync(
                $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Saved</title></head>" +
                $"<body><main><h1>Saved</h1><p id=\"result\">{name} applies for {tier}</p></main></body></html>",
                Encoding.UTF8);
        });

        // The relying-party id is the host name the browser used, as a console deriving it from its public URL would.
        app.MapGet("/test/webauthn/options", (HttpContext http) =>
        {
            Secure(http);
            return Results.Json(new { challenge = Challenge, rpId = http.Request.Host.Host, userId = UserId, userName = UserName });
        });
    }

    private static void Secure(HttpContext http)
    {
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
