using Tiergate.Core.Errors;

namespace Tiergate.Core.Tests;

/// <summary>Core's own list; the whole catalogue (every project's lists, docs/error-codes.md) is checked by ErrorCatalogueDocumentTests.</summary>
public sealed class ErrorCatalogueTests
{
    [Fact]
    public void All_IdsAndNamesAreUnique()
    {
        Assert.Equal(ErrorCodes.All.Count, ErrorCodes.All.Select(c => c.Id).Distinct().Count());
        Assert.Equal(ErrorCodes.All.Count, ErrorCodes.All.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void All_EveryCodeHasAnOpenAiErrorType()
    {
        string[] types = [ErrorTypes.Authentication, ErrorTypes.Permission, ErrorTypes.InvalidRequest, ErrorTypes.NotFound, ErrorTypes.Conflict, ErrorTypes.RateLimit, ErrorTypes.Api];

        Assert.All(ErrorCodes.All, c => Assert.Contains(c.Type, types));
    }
}
