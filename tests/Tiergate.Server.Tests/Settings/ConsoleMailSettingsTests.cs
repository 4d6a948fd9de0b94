using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Tiergate.Settings;

namespace Tiergate.Server.Tests.Settings;

/// <summary>The <c>console</c> and <c>mail</c> sections: defaults, validation, and the SMTP password kept out of the file.</summary>
public sealed class ConsoleMailSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiergate-mail-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_NoMailOrConsole_OutboxAndFirstListenAddress()
    {
        var settings = Valid(Load(Write("server:\n  urls: [\"http://0.0.0.0:9000\"]\n"), Env()));

        Assert.Null(settings.Mail.Host);
        Assert.Equal(MailSettings.DefaultFrom, settings.Mail.From);
        Assert.Equal(new Uri("http://localhost:9000/"), settings.Console.BaseUrl(settings.Server.Urls));
    }

    [Fact]
    public void Load_MailInFileAndPasswordInVariable_Accepted()
    {
        var file = Write("console:\n  public_url: https://tiergate.example.org\nmail:\n  host: smtp.example.org\n  port: 2525\n  from: tg@example.org\n  user: tg\n  security: starttls\n");

        var settings = Valid(Load(file, Env(("TIERGATE_MAIL__PASSWORD", "hunter2"))));

        Assert.Equal(new MailSettings("smtp.example.org", 2525, "tg@example.org", "tg", "hunter2", "starttls"), settings.Mail);
        Assert.Equal(new Uri("https://tiergate.example.org"), settings.Console.BaseUrl(settings.Server.Urls));
    }

    [Fact]
    public void Load_PasswordInTheSettingsFile_RefusedWithoutEchoingIt()
    {
        var result = Load(Write("mail:\n  host: smtp.example.org\n  user: tg\n  password: hunter2\n"), Env());

        var error = Assert.Single(result.Errors);
        Assert.Equal("mail.password", error.Path);
        Assert.Contains("TIERGATE_MAIL__PASSWORD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadValues_EveryErrorWithItsPath()
    {
        var result = Load(Write("console:\n  public_url: ftp://x\nmail:\n  port: 70000\n  security: ssl\n  from: not-an-address\n  user: tg\n"), Env());

        Assert.Equal(
            ["console.public_url", "mail.from", "mail.port", "mail.port", "mail.security", "mail.security", "mail.user"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    private static SettingsLoadResult Load(string file, IConfigurationSource environment) => DeploymentSettingsLoader.Load(file, [], environment);

    private static DeploymentSettings Valid(SettingsLoadResult result)
    {
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Settings!;
    }

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
}
