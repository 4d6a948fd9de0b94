using Tiergate.Core.Keys;

namespace Tiergate.Core.Tests;

public sealed class ApiKeyTests
{
    [Fact]
    public void Generate_KeyParsesBackToItsId()
    {
        var (id, key) = ApiKeyFormat.Generate();

        Assert.StartsWith("tg_", key, StringComparison.Ordinal);
        Assert.Equal(ApiKeyFormat.Length, key.Length);
        Assert.True(ApiKeyFormat.TryParse(key, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Fact]
    public void TryParse_AnySingleCharacterChanged_FailsChecksum()
    {
        var (_, key) = ApiKeyFormat.Generate();
        var accepted = 0;
        for (var i = 3; i < key.Length; i++)
        {
            var chars = key.ToCharArray();
            chars[i] = chars[i] == 'a' ? 'b' : 'a';
            accepted += ApiKeyFormat.TryParse(new string(chars), out _) ? 1 : 0;
        }

        Assert.Equal(0, accepted);
    }

    [Fact]
    public void Verify_RightAndWrongKeys()
    {
        var hasher = new ApiKeyHasher(new byte[32]);
        var other = new ApiKeyHasher(Enumerable.Repeat((byte)1, 32).ToArray());
        var (_, key) = ApiKeyFormat.Generate();
        var (_, wrong) = ApiKeyFormat.Generate();
        var stored = hasher.Hash(key);

        Assert.True(hasher.Verify(key, stored));
        Assert.False(hasher.Verify(wrong, stored));
        Assert.False(other.Verify(key, stored));
    }
}
