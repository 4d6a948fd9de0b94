namespace Tiergate.Console.Hosting;

/// <summary>The passkey pages' one script, embedded in the assembly and served from this origin (the CSP allows no other, and no inline script).</summary>
internal static class PasskeyScript
{
    public const string Path = "/passkeys.js";

    private static readonly Lazy<byte[]> Content = new(() =>
    {
        using var stream = typeof(PasskeyScript).Assembly.GetManifestResourceStream("Tiergate.Console.passkeys.js")
            ?? throw new InvalidOperationException("passkeys.js is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Serve(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(Content.Value, "text/javascript; charset=utf-8");
    }
}
