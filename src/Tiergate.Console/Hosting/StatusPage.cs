using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Tiergate.Console.Hosting;

/// <summary>
/// The body of an error status on console paths that answered without one: 403 for a role that may not see a
/// page, 404 for an id that is not the user's or not there. Written directly (not re-executed through routing), so
/// it cannot itself fail; the status stays what the page answered.
/// </summary>
public static class StatusPage
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        var (title, explanation) = response.StatusCode switch
        {
            403 => ("Not allowed", "Your account's role does not allow this page. If you think it should, ask an administrator."),
            404 => ("Not found", "There is nothing here, or it is not yours to see."),
            400 => ("Bad request", "The request could not be read. Go back and try again."),
            _ => ("Something went wrong", "Try again in a moment."),
        };
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(Html(title, explanation), context.HttpContext.RequestAborted);
    }

    /// <summary>A minimal page in the console's style: the title and one escaped paragraph (role="alert").</summary>
    public static string Html(string title, string message) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{WebUtility.HtmlEncode(title)} · Tiergate</title><link rel="stylesheet" href="{StyleSheet.Path}"></head>
        <body><header class="site"><nav aria-label="Main"><a class="brand" href="/">Tiergate</a></nav></header>
        <main id="main"><h1>{WebUtility.HtmlEncode(title)}</h1><p role="alert">{WebUtility.HtmlEncode(message)}</p><p><a href="/">Back to the start page</a></p></main>
        </body></html>
        """;
}
