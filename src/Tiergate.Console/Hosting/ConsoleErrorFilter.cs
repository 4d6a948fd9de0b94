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
            Content = StatusPage.Html("Not done", $"{e.Message} ({e.Code.Name}) Nothing was changed."),
        };
        context.ExceptionHandled = true;
    }
}
