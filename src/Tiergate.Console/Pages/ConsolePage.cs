using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tiergate.Console.Pages;

/// <summary>What console pages share: field errors, a page-level message, the client's address.</summary>
public abstract class ConsolePage : PageModel
{
    /// <summary>Field name → message; rendered next to the field by <c>Shared/_Field</c>.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>A message for the whole form (role="alert").</summary>
    public string? FormError { get; set; }

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The client's address as the server sees it (after trusted proxies only).</summary>
    protected string Source => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Text from a form, cut to <paramref name="max"/> characters (longer input is an error the page reports).</summary>
    protected static string Bounded(string? text, int max) => text is null ? "" : text.Length <= max ? text : text[..max];
}
