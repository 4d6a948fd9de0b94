using System.Buffers;

namespace Tiergate.Server.Http;

/// <summary>Reads a whole body into memory, stopping (and returning null) as soon as it passes a limit.</summary>
internal static class BoundedRead
{
    private const int ChunkSize = 16 * 1024;

    public static async Task<byte[]?> ReadAllAsync(Stream stream, long limit, long? sizeHint, CancellationToken cancellationToken)
    {
        if (sizeHint is { } announced and >= 0)
        {
            if (announced > limit)
            {
                return null;
            }

            // The HTTP layer frames the body by its Content-Length, so one array of that size holds it
            // all: no growing buffer, no copy, nothing to zero beyond the body itself.
            var exact = new byte[announced];
            var filled = await stream.ReadAtLeastAsync(exact, exact.Length, throwOnEndOfStream: false, cancellationToken);
            return filled == exact.Length ? exact : exact[..filled];
        }

        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            using var buffer = new MemoryStream(4096);
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
