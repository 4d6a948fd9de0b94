namespace Tiergate.Corpus.Pipeline;

internal static class LineCounter
{
    /// <summary>Newlines in the first <paramref name="length"/> bytes of an uncompressed file.</summary>
    public static long CountNewlines(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        var count = 0L;
        var left = length;
        while (left > 0)
        {
            var n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0)
            {
                break;
            }

            count += buffer.AsSpan(0, n).Count((byte)'\n');
            left -= n;
        }

        return count;
    }
}
