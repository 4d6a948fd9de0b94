using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Tiergate.Settings;
using Tiergate.Storage;

namespace Tiergate.Server.Tests.Settings;

/// <summary>The deployment settings resolved in memory: precedence, validation, unknown keys, secrets.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeploymentSettingsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tiergate-settings-tests", Guid.NewGuid().ToString("N"));

    public DeploymentSettingsTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_NothingGiven_UsesDefaults()
    {
        var settings = Valid(Load(null, [], Env()));

        Assert.Equal(StorageOptions.DefaultDataDirectory, settings.DataDirectory);
        Assert.Null(settings.Database.Connection);
        Assert.True(settings.Database.SqliteFullSync);
        Assert.Null(settings.Secrets.KekFile);
        Assert.Equal([ServerSettings.DefaultUrl], settings.Server.Urls);
        Assert.Empty(settings.Server.TrustedProxies);
    }

    [Theory]
    [InlineData(true, true, true, "/from/flag")]
    [InlineData(false, true, true, "/from/env")]
    [InlineData(true, false, true, "/from/flag")]
    [InlineData(false, false, true, "/from/file")]
    [InlineData(false, false, false, StorageOptions.DefaultDataDirectory)]
    public void Load_SameSettingInSeveralSources_FlagBeatsEnvironmentBeatsFileBeatsDefault(bool flag, bool env, bool file, string expected)
    {
        var settingsFile = file ? Write("data: /from/file\ndatabase:\n  sqlite_sync: normal\n") : null;
        SettingsFlag[] flags = flag ? [new SettingsFlag("data", "--data", ["/from/flag"])] : [];
        var environment = env ? Env(("TIERGATE_DATA", "/from/env"), ("TIERGATE_DATABASE__SQLITE_SYNC", "full")) : Env();

        var settings = Valid(Load(settingsFile, flags, environment));

        Assert.Equal(expected, settings.DataDirectory);
        Assert.Equal(!file || env, settings.Database.SqliteFullSync);
    }

    [Fact]
    public void Load_ListInSeveralSources_TakenWholeFromTheHighest()
    {
        var file = Write("server:\n  urls: [http://127.0.0.1:1, http://127.0.0.1:2]\n  trusted_proxies:\n    - 10.0.0.0/8\n    - 192.0.2.7\n");
        SettingsFlag[] flags = [new SettingsFlag("server:urls", "--urls", ["http://127.0.0.1:3", "http://127.0.0.1:4", "http://127.0.0.1:5"])];

        var fromFile = Valid(Load(file, [], Env(("TIERGATE_SERVER__TRUSTED_PROXIES__0", "::1"))));
        var fromFlag = Valid(Load(file, flags, Env(("TIERGATE_SERVER__URLS", "http://127.0.0.1:6"))));
        var fromEnv = Valid(Load(file, [], Env(("TIERGATE_SERVER__URLS", "http://127.0.0.1:6; http://127.0.0.1:7"))));

        Assert.Equal(["http://127.0.0.1:1", "http://127.0.0.1:2"], fromFile.Server.Urls);
        Assert.Equal(["::1"], fromFile.Server.TrustedProxies);
        Assert.Equal(["http://127.0.0.1:3", "http://127.0.0.1:4", "http://127.0.0.1:5"], fromFlag.Server.Urls);
        Assert.Equal(["http://127.0.0.1:6", "http://127.0.0.1:7"], fromEnv.Server.Urls);
    }

    [Fact]
    public void Load_ManyMistakes_ReportsEveryOneWithPathAndSource()
    {
        var file = Write("""
            data: ./here
            database:
              sqlite_sync: fast
            server:
              urls: [ftp://example.org, http://127.0.0.1:8080]
              trusted_proxies: [10.0.0.0/8, 10.0.0.1/8, 300.1.1.1, not-an-address]
            """);

        var errors = Load(file, [new SettingsFlag("data", "--data", [" "])], Env(("TIERGATE_SERVER__TRUSTED_PROXIES__0", "10.0.0.0/33"), ("TIERGATE_DATABASE__SQLITE_SYNC", "FULL")));

        Assert.Equal(
            [
                "data (--data)",
                "database.sqlite_sync (TIERGATE_DATABASE__SQLITE_SYNC)",
                "server.urls[0] (settings.yaml line 5)",
                "server.trusted_proxies[0] (TIERGATE_SERVER__TRUSTED_PROXIES__0)",
            ],
            errors.Errors.Select(e => $"{e.Path} ({e.Origin?.Description})"));
        Assert.Null(errors.Settings);
    }

    [Fact]
    public void Load_ProxyEntries_EachCheckedWithItsIndex()
    {
        var file = Write("server:\n  trusted_proxies: [10.0.0.0/8, 10.0.0.1/8, 300.1.1.1, not-an-address, '2001:db8::/32', 192.0.2.1]\n");

        var result = Load(file, [], Env());

        Assert.Equal(["server.trusted_proxies[1]", "server.trusted_proxies[2]", "server.trusted_proxies[3]"], result.Errors.Select(e => e.Path));
        Assert.Contains("10.0.0.0/8", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("databse:\n  connection: Host=db\n", "databse.connection")]
    [InlineData("server:\n  url: http://127.0.0.1:1\n", "server.url")]
    [InlineData("sqlite_sync: normal\n", "sqlite_sync")]
    [InlineData("redis:\n  conection: localhost:6379\n", "redis.conection")]
    [InlineData("server: http://127.0.0.1:1\n", "server")]
    [InlineData("server:\n  urls:\n    - listen: http://127.0.0.1:1\n", "server.urls[0].listen")]
    public void Load_UnknownKeyInFile_IsAnErrorNotADefault(string yaml, string path)
    {
        var result = Load(Write(yaml), [], Env());

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.StartsWith("settings.yaml line ", error.Origin!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DeeplyNestedFile_ReportedNotAStackOverflow()
    {
        var result = Load(Write("server: " + new string('[', 50_000) + new string(']', 50_000) + "\n"), [], Env());

        Assert.Contains("nested deeper than 64 levels", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SameKeyTwiceInAnyCase_IsAnError()
    {
        var result = Load(Write("data: /a\nDATA: /b\n"), [], Env());

        Assert.Equal("DATA", Assert.Single(result.Errors).Path.ToUpperInvariant());
    }

    [Fact]
    public void Load_UnknownSettingVariable_IsAnErrorButOtherTiergateVariablesAreNot()
    {
        var environment = Env(
            ("TIERGATE_DATABASE__CONECTION", "Host=db"),
            ("TIERGATE_SERVRE__URLS", "http://127.0.0.1:1"),
            ("TIERGATE_DATABASE", "Host=db"),
            ("TIERGATE_PEPPER", "c2VjcmV0"),
            ("TIERGATE_ZSTD", "managed"),
            ("TIERGATE_TEST_POSTGRES", "Host=localhost"));

        var result = Load(null, [], environment);

        Assert.Equal(["database", "database.conection", "servre.urls"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Contains(result.Errors, e => e.Origin!.Description == "TIERGATE_DATABASE__CONECTION");
    }

    [Theory]
    [InlineData("Host=db;Username=tg;Password=hunter2;Database=tiergate")]
    [InlineData("postgresql://tg:hunter2@db/tiergate")]
    public void Load_PasswordInTheSettingsFile_RefusedWithoutEchoingIt(string connection)
    {
        var result = Load(Write($"database:\n  connection: \"{connection}\"\n"), [], Env());

        var error = Assert.Single(result.Errors);
        Assert.Equal("database.connection", error.Path);
        Assert.Contains("password_file", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PasswordInVariableOrFlag_Accepted()
    {
        var file = Write("database:\n  connection: Host=filehost;Username=tg;Database=tiergate\n");

        var fromEnv = Valid(Load(file, [], Env(("TIERGATE_DATABASE__CONNECTION", "Host=envhost;Username=tg;Password=hunter2;Database=t"))));
        var fromFlag = Valid(Load(file, [new SettingsFlag("database:connection", "--database", ["postgresql://tg:hunter2@flaghost/t"])], Env()));

        Assert.Contains("Host=envhost", fromEnv.Database.Connection, StringComparison.Ordinal);
        Assert.Contains("Password=hunter2", fromEnv.Database.Connection, StringComparison.Ordinal);
        Assert.Contains("Host=flaghost", fromFlag.Database.Connection, StringComparison.Ordinal);
        Assert.Contains("Password=hunter2", fromFlag.Database.Connection, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PasswordFile_AddsThePasswordToTheConnection()
    {
        var secret = OwnerOnly("pg-password", "s3cret;x\n");
        var file = Write("database:\n  connection: Host=db;Username=tg;Database=tiergate\n  password_file: pg-password\n");

        var settings = Valid(Load(file, [], Env()));

        Assert.Equal("s3cret;x", new Npgsql.NpgsqlConnectionStringBuilder(settings.Database.Connection).Password);
        Assert.True(File.Exists(secret));
    }

    [Theory]
    [InlineData("missing", "secret_file_missing")]
    [InlineData("exposed", "secret_file_exposed")]
    [InlineData("empty", "secret_file_empty")]
    [InlineData("twice", "already holds a password")]
    public void Load_PasswordFileUnusable_RefusedWithTheSecretRule(string problem, string expected)
    {
        var path = problem switch
        {
            "missing" => Path.Combine(_directory, "absent"),
            "empty" => OwnerOnly("pg-password", "\n"),
            _ => OwnerOnly("pg-password", "s3cret"),
        };
        if (problem == "exposed")
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }

        var connection = problem == "twice" ? "Host=db;Username=tg;Password=other" : "Host=db;Username=tg";
        var result = Load(null, [new SettingsFlag("database:connection", "--database", [connection])], Env(("TIERGATE_DATABASE__PASSWORD_FILE", path)));

        var error = Assert.Single(result.Errors);
        Assert.Equal("database.password_file", error.Path);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RelativePathsInTheFile_ResolveAgainstItsFolder()
    {
        var file = Write("data: state\nsecrets:\n  kek_file: keys/kek\n");

        var fromFile = Valid(Load(file, [], Env()));
        var fromEnv = Valid(Load(file, [], Env(("TIERGATE_DATA", "relative"))));

        Assert.Equal(Path.Combine(_directory, "state"), fromFile.DataDirectory);
        Assert.Equal(Path.Combine(_directory, "keys", "kek"), fromFile.Storage.KekFile);
        Assert.Equal("relative", fromEnv.DataDirectory);
    }

    [Fact]
    public void Load_BrokenYaml_ReportsTheLine()
    {
        var result = Load(Write("data: [unclosed\n"), [], Env());

        Assert.Equal("(file)", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Load_MissingSettingsFile_IsAnError()
    {
        var result = Load(Path.Combine(_directory, "absent.yaml"), [], Env());

        Assert.Contains("cannot read settings file", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    private static SettingsLoadResult Load(string? file, IReadOnlyList<SettingsFlag> flags, IConfigurationSource environment) =>
        DeploymentSettingsLoader.Load(file, flags, environment);

    private static DeploymentSettings Valid(SettingsLoadResult result)
    {
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Settings!;
    }

    /// <summary>What .NET's environment source makes of these variables: prefix removed, "__" as the section separator.</summary>
    private static MemoryConfigurationSource Env(params (string Name, string Value)[] variables) => new()
    {
        InitialData = variables.Select(v => KeyValuePair.Create<string, string?>(
            v.Name[DeploymentSettingsLoader.EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), v.Value)),
    };

    private string Write(string yaml)
    {
        var path = Path.Combine(_directory, "settings.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private string OwnerOnly(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
