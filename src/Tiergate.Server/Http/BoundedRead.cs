namespace Tiergate.Server.Http;

/// <summary>Reads a whole body into memory, stopping (and returning null) as soon as it passes a limit.</summary>
internal static class BoundedRead
{
    public static async Task<byte[]?> ReadAllAsync(Stream stream, long limit, long? sizeHint, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(sizeHint is > 0 and <= int.MaxValue ? (int)sizeHint.Value : 4096);
        var chunk = new byte[16 * 1024];
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
}
