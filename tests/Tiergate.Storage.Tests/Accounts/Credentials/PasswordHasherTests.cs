using Tiergate.Storage.Accounts.Credentials;

namespace Tiergate.Storage.Tests.Accounts.Credentials;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Verify_SamePassword_IsTrue()
    {
        var hasher = PasswordHasher.Default;

        Assert.True(hasher.Verify("correct horse battery", hasher.Hash("correct horse battery")));
    }

    [Fact]
    public void Verify_WrongPassword_IsFalse()
    {
        var hasher = PasswordHasher.Default;

        Assert.False(hasher.Verify("correct horse batterY", hasher.Hash("correct horse battery")));
    }

    [Fact]
    public void Hash_Default_EncodesArgon2idWithOwaspParametersAndFreshSalt()
    {
        var first = PasswordHasher.Default.Hash("correct horse battery");
        var second = PasswordHasher.Default.Hash("correct horse battery");

        Assert.StartsWith("argon2id$v=19$m=19456,t=2,p=1$", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.False(PasswordHasher.Default.NeedsRehash(first));
    }

    [Fact]
    public void Verify_HashWithOtherParameters_UsesTheEncodedOnesAndAsksForRehash()
    {
        var weaker = new PasswordHasher(memoryKib: 1024, iterations: 1, parallelism: 1).Hash("correct horse battery");

        Assert.StartsWith("argon2id$v=19$m=1024,t=1,p=1$", weaker, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Default.Verify("correct horse battery", weaker));
        Assert.True(PasswordHasher.Default.NeedsRehash(weaker));
    }

    [Theory]
    [InlineData("")]
    [InlineData("argon2id$v=19$m=19456,t=2,p=1$notbase64$notbase64")]
    [InlineData("bcrypt$2a$10$abc")]
    public void Verify_MalformedHash_IsFalse(string encoded) =>
        Assert.False(PasswordHasher.Default.Verify("correct horse battery", encoded));
}
