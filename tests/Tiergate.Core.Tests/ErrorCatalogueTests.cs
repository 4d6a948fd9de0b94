using Tiergate.Core.Errors;

namespace Tiergate.Core.Tests;

public sealed class ErrorCatalogueTests
{
    [Fact]
    public void All_IdsAndNamesAreUnique()
    {
        Assert.Equal(ErrorCodes.All.Count, ErrorCodes.All.Select(c => c.Id).Distinct().Count());
        Assert.Equal(ErrorCodes.All.Count, ErrorCodes.All.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void Docs_ListEveryCodeWithItsName()
    {
        var docs = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "error-codes.md"));

        var missing = ErrorCodes.All.Where(c => !docs.Contains($"| {c.Id} | `{c.Name}` | {c.HttpStatus} |", StringComparison.Ordinal)).Select(c => c.Id).ToList();

        Assert.True(missing.Count == 0, $"docs/error-codes.md lacks: {string.Join(", ", missing)}");
    }
}
