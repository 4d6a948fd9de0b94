using Microsoft.AspNetCore.Http;

namespace Tiergate.Console.Hosting;

/// <summary>The console's one stylesheet, embedded in the assembly and served from this origin (the CSP allows nothing else).</summary>
internal static class StyleSheet
{
    public const string Path = "/console.css";

    private static readonly Lazy<byte[]> Content = new(() =>
    {
        using var stream = typeof(StyleSheet).Assembly.GetManifestResourceStream("Tiergate.Console.console.css")
            ?? throw new InvalidOperationException("console.css is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Serve(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(Content.Value, "text/css; charset=utf-8");
    }
}
