using Tiergate.Core.Errors;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Accounts.Keys;
using Tiergate.Storage.Accounts.Users;

namespace Tiergate.Storage.Tests.Accounts;

public sealed class AccountErrorsTests
{
    private static IEnumerable<ErrorCode> AdminCodes => UserErrors.All.Concat(GrantErrors.All).Concat(KeyErrors.All).Concat(ErrorCodes.All);

    /// <summary>The TG2xxx ids, names and statuses are a public contract: scripts and the admin API switch on them.</summary>
    [Theory]
    [InlineData("TG2001", "unknown_user", 404)]
    [InlineData("TG2002", "unknown_tier", 404)]
    [InlineData("TG2003", "user_exists", 409)]
    [InlineData("TG2004", "invalid_argument", 400)]
    [InlineData("TG2005", "unknown_key", 404)]
    [InlineData("TG2006", "grant_identity_insufficient", 409)]
    [InlineData("TG2007", "grant_not_found", 404)]
    [InlineData("TG2008", "policy_invalid", 400)]
    [InlineData("TG2009", "storage_unavailable", 503)]
    public void Lists_ContractCode_KeepsItsIdNameAndStatus(string id, string name, int status)
    {
        var code = Assert.Single(AdminCodes, c => c.Id == id);

        Assert.Equal((name, status), (code.Name, code.HttpStatus));
    }

    [Fact]
    public void Lists_EveryAccountCode_HasAnOpenAiTypeMatchingItsStatus()
    {
        var expected = new Dictionary<int, string> { [400] = ErrorTypes.InvalidRequest, [404] = ErrorTypes.NotFound, [409] = ErrorTypes.Conflict };

        Assert.All(UserErrors.All.Concat(GrantErrors.All).Concat(KeyErrors.All), c => Assert.Equal(expected[c.HttpStatus], c.Type));
        Assert.DoesNotContain(AdminCodes, c => c.Type == "cli_error");
    }
}
