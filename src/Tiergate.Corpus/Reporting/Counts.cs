namespace Tiergate.Corpus.Reporting;

internal static class Counts
{
    public static void Merge(Dictionary<string, long> into, Dictionary<string, long> from)
    {
        foreach (var (key, value) in from)
        {
            into[key] = into.GetValueOrDefault(key) + value;
        }
    }

    public static void Add(Dictionary<string, long> into, string key, long value = 1) =>
        into[key] = into.GetValueOrDefault(key) + value;
}
