using Microsoft.AspNetCore.Http;
using Tiergate.Core.Errors;

namespace Tiergate.Server.Gateway;

/// <summary>Reads a request body up to a limit, refusing larger ones before buffering them.</summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        using var buffer = new MemoryStream(request.ContentLength is { } n ? (int)n : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static TiergateException TooLarge(long limit) =>
        new(ErrorCodes.RequestTooLarge, $"The request body is larger than the gateway's limit of {limit} bytes.");
}
