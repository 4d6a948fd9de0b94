using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Tiergate.Console.IntegrationTests;

/// <summary>One visitor: an HttpClient with its own cookie jar, no automatic redirects, reading pages with AngleSharp.</summary>
public sealed class ConsoleBrowser : IDisposable
{
    private readonly HttpClient _client;

    public ConsoleBrowser(string baseUrl)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
    }

    public CookieContainer Cookies { get; }

    public async Task<Page> GetAsync(string path) => await Page.ReadAsync(await _client.GetAsync(new Uri(path, UriKind.Relative)));

    /// <summary>GETs <paramref name="path"/>, fills the form (<paramref name="formSelector"/>, default the one in main) and submits it, hidden fields and antiforgery token included.</summary>
    public async Task<Page> SubmitAsync(string path, IReadOnlyDictionary<string, string> fields, string formSelector = "main form")
    {
        var page = await GetAsync(path);
        return await SubmitAsync(page, path, fields, formSelector);
    }

    public async Task<Page> SubmitAsync(Page page, string path, IReadOnlyDictionary<string, string> fields, string formSelector = "main form")
    {
        var form = page.Document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form '{formSelector}' on {path}: {page.Main}");
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : path;
        return await PostAsync(action, values);
    }

    public async Task<Page> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> values)
    {
        using var content = new FormUrlEncodedContent(values);
        return await Page.ReadAsync(await _client.PostAsync(new Uri(path, UriKind.Relative), content));
    }

    public void Dispose() => _client.Dispose();

    public sealed record Page(HttpResponseMessage Response, IDocument Document)
    {
        public HttpStatusCode Status => Response.StatusCode;

        /// <summary>The main content's text, whitespace collapsed.</summary>
        public string Main => string.Join(' ', (Document.QuerySelector("main")?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

        public string? Location => Response.Headers.Location?.OriginalString;

        public bool SignedIn => Document.QuerySelector("form[action='/logout']") is not null;

        public static async Task<Page> ReadAsync(HttpResponseMessage response)
        {
            var html = await response.Content.ReadAsStringAsync();
            return new Page(response, new HtmlParser().ParseDocument(html));
        }
    }
}
