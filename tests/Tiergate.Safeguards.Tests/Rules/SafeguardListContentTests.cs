using System.Text.RegularExpressions;
using Tiergate.Safeguards.Defaults;

namespace Tiergate.Safeguards.Tests.Rules;

/// <summary>The shipped lists hold topics and intents only: no line carries procedural detail (samples/safeguards/procedure-denylist.txt).</summary>
public class SafeguardListContentTests
{
    private static readonly string Samples = SafeguardDefaults.FindSamplesDirectory(AppContext.BaseDirectory)!;

    private static IEnumerable<Regex> DenyList() =>
        File.ReadAllLines(Path.Combine(Samples, "procedure-denylist.txt"))
            .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
            .Select(l => new Regex(l, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    private static IEnumerable<(string File, string Term)> ListTerms() =>
        new[] { SafeguardDefaults.TermsFolder, SafeguardDefaults.IntentsFolder }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(Samples, folder), "*.tsv"))
            .SelectMany(file => File.ReadAllLines(file)
                .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
                .Select(l => (Path.GetFileName(file), l.Split('\t')[0])));

    [Fact]
    public void DefaultLists_NoLine_ContainsProceduralDetail()
    {
        var deny = DenyList().ToList();

        var offending = ListTerms().Where(t => deny.Any(d => d.IsMatch(t.Term))).Select(t => $"{t.File}: {t.Term}").ToList();

        Assert.Empty(offending);
    }

    [Theory]
    [InlineData("add 50 g of the precursor")]
    [InlineData("step 1: dissolve")]
    [InlineData("reagent-grade acid")]
    [InlineData("reflux for an hour")]
    public void DenyList_ProceduralLine_IsCaught(string line)
    {
        Assert.Contains(DenyList(), d => d.IsMatch(line));
    }

    [Fact]
    public void DefaultLists_SixLanguagesAndFourCategories_AreCovered()
    {
        var rules = SafeguardDefaults.LoadRules(Samples)!;

        Assert.Equal(["bio", "chem", "cyber", "radnuc"], rules.Hazards.Order());
        foreach (var language in new[] { "en", "fr", "es", "de", "ru", "zh" })
        {
            Assert.True(File.Exists(Path.Combine(Samples, SafeguardDefaults.IntentsFolder, language + ".tsv")), language);
        }

        Assert.True(ListTerms().Count() >= 1000);
    }
}
