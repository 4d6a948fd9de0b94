using System.Text;

namespace Tiergate.Testing.Corpus;

/// <summary>A temporary directory with a blocklist and JSONL inputs; deleted on dispose.</summary>
public sealed class TestCorpus : IDisposable
{
    public TestCorpus()
    {
        Root = Path.Combine(Path.GetTempPath(), "tg-corpus-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Blocklist = Write("terms.tsv", "anthrax\tbio\nricin\tbio\nsarin\tchem\nbotulinum toxin\tbio\n");
    }

    public string Root { get; }

    public string Blocklist { get; }

    public string Output => Path.Combine(Root, "out");

    public string Write(string name, string content) => WriteBytes(name, Encoding.UTF8.GetBytes(content));

    public string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string WriteZstd(string name, string content)
    {
        using var compressor = new ZstdSharp.Compressor(3);
        return WriteBytes(name, compressor.Wrap(Encoding.UTF8.GetBytes(content)).ToArray());
    }

    /// <summary>Deterministic documents; every 7th carries two hazard terms.</summary>
    public static string Documents(int count, int seed = 1)
    {
        var random = new Random(seed);
        var words = new[] { "cell", "river", "protein", "market", "engine", "garden", "theory", "signal", "culture", "method" };
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var body = string.Join(' ', Enumerable.Range(0, 20 + random.Next(60)).Select(_ => words[random.Next(words.Length)]));
            if (i % 7 == 3)
            {
                body += " anthrax spores and ricin";
            }

            text.Append("{\"id\":\"doc-").Append(i).Append("\",\"text\":\"").Append(body).Append("\"}\n");
        }

        return text.ToString();
    }

    public static string ReadZstd(string path)
    {
        using var stream = new ZstdSharp.DecompressionStream(File.OpenRead(path));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
