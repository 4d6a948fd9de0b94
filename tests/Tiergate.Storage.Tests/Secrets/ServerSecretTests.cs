using System.Security.Cryptography;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Crypto;
using Tiergate.Storage.Secrets;

namespace Tiergate.Storage.Tests.Secrets;

/// <summary>One rule for every server secret: each case is checked for the pepper, the KEK and the audit signing key.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServerSecretTests
{
    public static TheoryData<string> AllSecrets => new() { "pepper", "kek", "audit" };

    [Theory]
    [InlineData("pepper", "")]
    [InlineData("kek", "")]
    [InlineData("audit", "")]
    [InlineData("pepper", "  \n")]
    [InlineData("kek", " ")]
    [InlineData("audit", "\t")]
    public void LoadOrCreate_EnvironmentSetButBlank_RefusesAndCreatesNothing(string secret, string blank)
    {
        var (source, storage) = (Source(secret), NewStorage());

        var e = Assert.Throws<CryptographicSetupException>(() => ServerSecret.LoadOrCreate(source, storage, null, Only(source, blank)));

        Assert.Equal(SecretProblem.EnvironmentBlank, e.Reason);
        Assert.EndsWith("(secret_env_blank)", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(source.DefaultPath(storage)));
    }

    [Theory]
    [MemberData(nameof(AllSecrets))]
    public void LoadOrCreate_EnvironmentNotBase64_Refuses(string secret)
    {
        var source = Source(secret);

        var e = Assert.Throws<CryptographicSetupException>(() => ServerSecret.LoadOrCreate(source, NewStorage(), null, Only(source, "not base64!")));

        Assert.Equal(SecretProblem.NotBase64, e.Reason);
    }

    [Theory]
    [MemberData(nameof(AllSecrets))]
    public void LoadOrCreate_EnvironmentTooShort_Refuses(string secret)
    {
        var source = Source(secret);
        var value = Convert.ToBase64String(new byte[source.Length - 1]);

        var e = Assert.Throws<CryptographicSetupException>(() => ServerSecret.LoadOrCreate(source, NewStorage(), null, Only(source, value)));

        Assert.Equal(SecretProblem.WrongLength, e.Reason);
    }

    [Theory]
    [InlineData("pepper", true)]
    [InlineData("kek", false)]
    [InlineData("audit", false)]
    public void LoadOrCreate_EnvironmentLongerThanRequired_OnlyThePepperAccepts(string secret, bool accepted)
    {
        var source = Source(secret);
        var value = RandomNumberGenerator.GetBytes(source.Length + 1);

        var load = () => ServerSecret.LoadOrCreate(source, NewStorage(), null, Only(source, Convert.ToBase64String(value)));

        if (accepted)
        {
            Assert.Equal(value, load());
        }
        else
        {
            Assert.Equal(SecretProblem.WrongLength, Assert.Throws<CryptographicSetupException>(load).Reason);
        }
    }

    [Theory]
    [MemberData(nameof(AllSecrets))]
    public void LoadOrCreate_EnvironmentSet_WinsOverBothFilesAndCreatesNothing(string secret)
    {
        var (source, storage) = (Source(secret), NewStorage());
        var value = RandomNumberGenerator.GetBytes(source.Length);

        var loaded = ServerSecret.LoadOrCreate(source, storage, "/nonexistent/secret", Only(source, " " + Convert.ToBase64String(value) + "\n"));

        Assert.Equal(value, loaded);
        Assert.False(File.Exists(source.DefaultPath(storage)));
    }

    [Theory]
    [MemberData(nameof(AllSecrets))]
    public void LoadOrCreate_NothingConfigured_CreatesOwnerOnlyFileInOwnerOnlyDirectoryOnce(string secret)
    {
        var (source, storage) = (Source(secret), NewStorage());

        var first = ServerSecret.LoadOrCreate(source, storage, null, Unset);
        var second = ServerSecret.LoadOrCreate(source, storage, null, Unset);

        var path = source.DefaultPath(storage);
        Assert.Equal(Path.Combine(storage.DataDirectory, "secrets", source.FileName), path);
        Assert.Equal(first, second);
        Assert.Equal(source.Length, first.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Directory.Delete(storage.DataDirectory, recursive: true);
    }

    [Theory]
    [MemberData(nameof(AllSecrets))]
    public void LoadOrCreate_ExplicitFileMissing_Refuses(string secret)
    {
        var (source, storage) = (Source(secret), NewStorage());

        var e = Assert.Throws<CryptographicSetupException>(() => ServerSecret.LoadOrCreate(source, storage, Path.Combine(storage.DataDirectory, "absent"), Unset));

        Assert.Equal(SecretProblem.FileMissing, e.Reason);
        Assert.False(File.Exists(source.DefaultPath(storage)));
    }

    [Theory]
    [InlineData("pepper", UnixFileMode.GroupRead)]
    [InlineData("kek", UnixFileMode.OtherRead)]
    [InlineData("audit", UnixFileMode.GroupWrite)]
    public void LoadOrCreate_FileAccessibleByGroupOrOthers_Refuses(string secret, UnixFileMode extra)
    {
        var (source, storage) = (Source(secret), NewStorage());
        ServerSecret.LoadOrCreate(source, storage, null, Unset);
        File.SetUnixFileMode(source.DefaultPath(storage), UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var e = Assert.Throws<CryptographicSetupException>(() => ServerSecret.LoadOrCreate(source, storage, null, Unset));

        Assert.Equal(SecretProblem.FileExposed, e.Reason);
        Directory.Delete(storage.DataDirectory, recursive: true);
    }

    [Theory]
    [InlineData("pepper", "")]
    [InlineData("kek", "\n")]
    [InlineData("audit", "  ")]
    public void LoadOrCreate_FileEmpty_RefusesAndKeepsTheFile(string secret, string content)
    {
        var (source, storage) = (Source(secret), NewStorage());
        var path = WriteOwnerOnly(source.DefaultPath(storage), content);

        var e = Assert.Throws<CryptographicSetupException>(() => ServerSecret.LoadOrCreate(source, storage, null, Unset));

        Assert.Equal(SecretProblem.FileEmpty, e.Reason);
        Assert.Equal(content, File.ReadAllText(path));
        Directory.Delete(storage.DataDirectory, recursive: true);
    }

    [Theory]
    [MemberData(nameof(AllSecrets))]
    public void LoadOrCreate_ExplicitFileWrongLength_Refuses(string secret)
    {
        var (source, storage) = (Source(secret), NewStorage());
        var path = WriteOwnerOnly(Path.Combine(storage.DataDirectory, "given"), Convert.ToBase64String(new byte[source.Length - 1]));

        var e = Assert.Throws<CryptographicSetupException>(() => ServerSecret.LoadOrCreate(source, storage, path, Unset));

        Assert.Equal(SecretProblem.WrongLength, e.Reason);
        Directory.Delete(storage.DataDirectory, recursive: true);
    }

    [Theory]
    [MemberData(nameof(AllSecrets))]
    public void LoadOrCreate_FileNotBase64_Refuses(string secret)
    {
        var (source, storage) = (Source(secret), NewStorage());
        WriteOwnerOnly(source.DefaultPath(storage), "%%%");

        var e = Assert.Throws<CryptographicSetupException>(() => ServerSecret.LoadOrCreate(source, storage, null, Unset));

        Assert.Equal(SecretProblem.NotBase64, e.Reason);
        Directory.Delete(storage.DataDirectory, recursive: true);
    }

    [Theory]
    [MemberData(nameof(AllSecrets))]
    public void TryLoad_NothingConfigured_ReturnsNullAndCreatesNothing(string secret)
    {
        var (source, storage) = (Source(secret), NewStorage());

        Assert.Null(ServerSecret.TryLoad(source, storage, null, Unset));
        Assert.False(Directory.Exists(storage.DataDirectory));
    }

    /// <summary>The three secrets' own entry points go through the one loader (a blank variable is refused by each).</summary>
    [Theory]
    [MemberData(nameof(AllSecrets))]
    public void EntryPoints_EnvironmentBlank_RefuseWithTheSameReason(string secret)
    {
        var source = Source(secret);
        var blank = Only(source, "");
        Action load = secret switch
        {
            "pepper" => () => ServerSecret.LoadOrCreate(SecretSource.Pepper, NewStorage(), environment: blank),
            "kek" => () => KeyEncryptionKey.Load(NewStorage(), null, blank),
            _ => () => AuditSigningKey.LoadOrCreate(NewStorage(), blank).Dispose(),
        };

        Assert.Equal(SecretProblem.EnvironmentBlank, Assert.Throws<CryptographicSetupException>(load).Reason);
        if (secret == "audit")
        {
            Assert.Equal(SecretProblem.EnvironmentBlank, Assert.Throws<CryptographicSetupException>(() => AuditSigningKey.TryLoad(NewStorage(), blank)).Reason);
        }
    }

    [Fact]
    public void Sources_NamesArePublicContract()
    {
        Assert.Equal(
            ["TIERGATE_PEPPER:pepper", "TIERGATE_KEK:kek", "TIERGATE_AUDIT_SIGNING_KEY:audit-signing.key"],
            SecretSource.All.Select(s => $"{s.EnvironmentVariable}:{s.FileName}"));
    }

    [Fact]
    public void Codes_AreDistinct()
    {
        var codes = Enum.GetValues<SecretProblem>().Select(p => p.Code()).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    private static readonly Func<string, string?> Unset = _ => null;

    private static Func<string, string?> Only(SecretSource source, string value) => name => name == source.EnvironmentVariable ? value : null;

    private static SecretSource Source(string name) => name switch
    {
        "pepper" => SecretSource.Pepper,
        "kek" => SecretSource.KeyEncryptionKey,
        "audit" => SecretSource.AuditSigningKey,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static string WriteOwnerOnly(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static StorageOptions NewStorage() =>
        new(Path.Combine(Path.GetTempPath(), "tiergate-tests", Guid.NewGuid().ToString("N")));
}
