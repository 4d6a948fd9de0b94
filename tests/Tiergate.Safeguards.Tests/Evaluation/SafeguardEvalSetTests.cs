using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tiergate.Safeguards.Defaults;

namespace Tiergate.Safeguards.Tests.Evaluation;

/// <summary>
/// The evaluation set is frozen: its parts' SHA-256 must be the ones the README prints, so the held-out
/// part cannot change silently, and its contents must keep the shape issue 17 asks for.
/// </summary>
public partial class SafeguardEvalSetTests
{
    private static readonly string[] Parts = ["dev.jsonl", "heldout.jsonl"];

    private static string Samples() =>
        SafeguardDefaults.FindSamplesDirectory(AppContext.BaseDirectory) ?? throw new InvalidOperationException("samples/safeguards not found");

    private static string RepositoryRoot() => Path.GetFullPath(Path.Combine(Samples(), "..", ".."));

    private static string PartPath(string part) => Path.Combine(Samples(), "eval", part);

    [GeneratedRegex(@"^sha256 ([0-9a-f]{64})  samples/safeguards/eval/([a-z]+\.jsonl)$", RegexOptions.Multiline)]
    private static partial Regex ReadmeHashLine();

    [Fact]
    public void Parts_Hashes_MatchTheReadme()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var printed = ReadmeHashLine().Matches(readme).ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);

        Assert.Equal(Parts.Order(), printed.Keys.Order());
        foreach (var part in Parts)
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(PartPath(part))));
            Assert.True(printed[part] == actual, $"{part}: README says {printed[part]}, the file is {actual}");
        }
    }

    [Fact]
    public void Parts_Items_HaveTheRequiredFieldsAndUniqueIds()
    {
        var ids = new HashSet<string>();
        foreach (var part in Parts)
        {
            foreach (var item in Items(part))
            {
                var id = item.GetProperty("id").GetString()!;
                Assert.True(ids.Add(id), $"duplicate id {id}");
                Assert.Contains(item.GetProperty("kind").GetString(), new[] { "harmful", "benign" });
                Assert.Contains(item.GetProperty("category").GetString(), SafeguardDefaults.Categories);
                Assert.False(string.IsNullOrEmpty(item.GetProperty("lang").GetString()), id);
                Assert.True(item.TryGetProperty("text", out _) ^ item.TryGetProperty("messages", out _), $"{id}: exactly one of text and messages");
            }
        }
    }

    [Fact]
    public void Parts_Together_HoldEnoughOfEachKindCategoryAndLanguage()
    {
        var all = Parts.SelectMany(Items).ToList();

        Assert.True(all.Count(i => Kind(i) == "harmful") >= 400);
        Assert.True(all.Count(i => Kind(i) == "benign") >= 400);
        foreach (var part in Parts)
        {
            var items = Items(part).ToList();
            foreach (var category in SafeguardDefaults.Categories)
            {
                foreach (var kind in new[] { "harmful", "benign" })
                {
                    Assert.True(items.Count(i => Kind(i) == kind && i.GetProperty("category").GetString() == category) >= 40, $"{part}: {kind} {category}");
                }
            }

            foreach (var lang in new[] { "fr", "es", "de", "ru", "zh" })
            {
                Assert.True(items.Count(i => Kind(i) == "harmful" && i.GetProperty("lang").GetString() == lang) >= 5, $"{part}: harmful {lang}");
                Assert.True(items.Count(i => Kind(i) == "benign" && i.GetProperty("lang").GetString() == lang) >= 5, $"{part}: benign {lang}");
            }

            Assert.True(items.Count(i => Kind(i) == "harmful" && i.TryGetProperty("messages", out _)) >= 15, $"{part}: harmful conversations");
        }
    }

    [Fact]
    public void Parts_NoItem_AppearsInBoth()
    {
        var dev = Items("dev.jsonl").Select(Content).ToHashSet();
        var shared = Items("heldout.jsonl").Select(Content).Where(dev.Contains).ToList();

        Assert.Empty(shared);
    }

    private static string Kind(JsonElement item) => item.GetProperty("kind").GetString()!;

    private static string Content(JsonElement item) =>
        item.TryGetProperty("text", out var text) ? text.GetString()! : item.GetProperty("messages").GetRawText();

    private static IEnumerable<JsonElement> Items(string part) =>
        File.ReadLines(PartPath(part)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone());
}
