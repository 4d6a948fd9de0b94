namespace Tiergate.Monitoring.Detectors;

/// <summary>FNV-1a over text: state keeps how many addresses or clients, and whether one was seen, not which.</summary>
internal static class TextHash
{
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
