using Microsoft.AspNetCore.Http;
using Tiergate.Core.Errors;
using Tiergate.Server.Http;

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

        return await BoundedRead.ReadAllAsync(request.Body, limit, request.ContentLength, cancellationToken) ?? throw TooLarge(limit);
    }

    private static TiergateException TooLarge(long limit) =>
        new(ErrorCodes.RequestTooLarge, $"The request body is larger than the gateway's limit of {limit} bytes.");
}
