using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Tiergate.Core.Errors;

namespace Tiergate.Console.Hosting;

/// <summary>
/// The console's safety net: a client's mistake that a page did not turn into a field message (a
/// <see cref="TiergateException"/> whose code is a 4xx) is answered with that status, the code's name and its
/// message, never a 500. Pages still answer their own mistakes next to the field; this only catches what they miss.
/// </summary>
public sealed class ConsoleErrorFilter : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Exception is not TiergateException { Code.HttpStatus: >= 400 and < 500 } e)
        {
            return;
        }

        context.Result = new ContentResult
        {
            StatusCode = e.Code.HttpStatus,
            ContentType = "text/html; charset=utf-8",
            Content = $"""
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Not done · Tiergate</title><link rel="stylesheet" href="{StyleSheet.Path}"></head>
                <body><header class="site"><nav aria-label="Main"><a class="brand" href="/">Tiergate</a></nav></header>
                <main id="main"><h1>Not done</h1><p role="alert">{WebUtility.HtmlEncode(e.Message)} ({WebUtility.HtmlEncode(e.Code.Name)}) Nothing was changed.</p>
                <p><a href="/">Return to the start page</a>.</p></main>
                </body></html>
                """,
        };
        context.ExceptionHandled = true;
    }
}
