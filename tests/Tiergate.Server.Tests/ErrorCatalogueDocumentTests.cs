using System.Text.RegularExpressions;
using Tiergate.Catalogue;

namespace Tiergate.Server.Tests;

/// <summary>
/// docs/error-codes.md against every project's own code list, read as <c>tiergate error-codes</c> reads them.
/// Here because only the <c>tiergate</c> command sees every project; it starts no host.
/// </summary>
public sealed class ErrorCatalogueDocumentTests
{
    [Fact]
    public void Render_CurrentLists_MatchesDocsErrorCodes()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "error-codes.md");

        var expected = ErrorCatalogueMarkdown.Render();

        Assert.True(File.ReadAllText(path).ReplaceLineEndings("\n") == expected,
            $"{path} is not what the code lists generate; regenerate it with: scripts/gen-error-codes");
    }

    [Fact]
    public void Entries_AllLists_IdsAndNamesAreUniqueAcrossProjects()
    {
        var entries = ErrorCatalogue.Entries();

        Assert.Empty(entries.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.List))}"));
        Assert.Empty(entries.GroupBy(e => e.Name).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.List))}"));
    }

    [Fact]
    public void Entries_AllLists_EachProjectsCodesUseItsSectionsIdRange()
    {
        var entries = ErrorCatalogue.Entries();

        Assert.Equal(["Tiergate.Core", "Tiergate.Corpus", "Tiergate.Safeguards", "Tiergate.Storage"], entries.Select(e => e.Project).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["AlertErrors", "ErrorCodes", "FilterErrorCodes", "GrantErrors", "IdentityErrors", "KeyErrors", "LinkErrors", "MfaErrors", "PasskeyErrors", "ResponseErrors", "SafeguardsErrorCodes", "SecretErrors", "UserErrors", "VendorErrors", "VettingErrors"], entries.Select(e => e.List).Distinct().Order(StringComparer.Ordinal));
        Assert.All(entries, e =>
        {
            var section = Assert.Single(ErrorCatalogue.Sections, s => s.Project == e.Project);
            Assert.Matches(new Regex("^TG[0-9]{4}$"), e.Id);
            Assert.Contains(section.IdPrefixes.Split(' '), prefix => e.Id.StartsWith(prefix, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Render_CodesOfAProjectWithoutSection_Throws()
    {
        var stray = new CatalogueEntry("Tiergate.Console", "ConsoleErrors", "TG5001", "stray", 400, "invalid_request_error", null, "A code nobody placed.");

        var error = Assert.Throws<InvalidOperationException>(() => ErrorCatalogueMarkdown.Render([.. ErrorCatalogue.Entries(), stray], ErrorCatalogue.Sections));

        Assert.Contains("Tiergate.Console", error.Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tiergate.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Tiergate.slnx above {AppContext.BaseDirectory}.");
    }
}
