using System.Globalization;
using Tiergate.Testing.Cli;

namespace Tiergate.Server.IntegrationTests.Retention;

/// <summary><c>tiergate audit archive</c> and <c>audit verify --archive</c>, and the server's scheduled retention, run as processes.</summary>
public sealed class AuditArchiveCliTests
{
    [Fact]
    public async Task AuditArchive_RecordsBeforeDate_ArchiveVerifiesAloneAndWithTheDatabase()
    {
        var cli = TiergateCli.InTempDirectory();
        Assert.Equal(0, (await cli.JsonAsync("users", "add", "--email", "ada@example.org")).Exit);
        Assert.Equal(0, (await cli.JsonAsync("users", "add", "--email", "bob@example.org")).Exit);
        var archive = Path.Combine(cli.DataDirectory, "archive-1.jsonl");
        var before = DateTimeOffset.UtcNow.AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var (exit, json) = await cli.JsonAsync("audit", "archive", "--before", before, "--output", archive);

        Assert.Equal(0, exit);
        Assert.True(json["archived"]!.GetValue<bool>());
        Assert.True(json["records"]!.GetValue<long>() >= 2);
        Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--export", archive)).Exit);
        Assert.Equal(0, (await cli.RunAsync("audit", "verify")).Exit);
        var (chainExit, chain) = await cli.JsonAsync("audit", "verify", "--archive", archive);
        Assert.Equal(0, chainExit);
        Assert.True(chain["ok"]!.GetValue<bool>());
        Assert.Equal(chain["last_record"]!.GetValue<long>(), chain["records_checked"]!.GetValue<long>());
    }

    [Fact]
    public async Task AuditVerifyArchive_ArchiveAltered_ExitsOneNamingTheRecord()
    {
        var cli = TiergateCli.InTempDirectory();
        Assert.Equal(0, (await cli.JsonAsync("users", "add", "--email", "ada@example.org")).Exit);
        var archive = Path.Combine(cli.DataDirectory, "archive.jsonl");
        Assert.Equal(0, (await cli.JsonAsync("audit", "archive", "--before", "2999-01-01", "--output", archive)).Exit);
        var lines = await File.ReadAllLinesAsync(archive);
        lines[1] = lines[1].Replace("\"outcome\":\"ok\"", "\"outcome\":\"no\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(archive, lines);

        var (exit, json) = await cli.JsonAsync("audit", "verify", "--archive", archive);

        Assert.Equal(1, exit);
        Assert.False(json["ok"]!.GetValue<bool>());
        Assert.Equal(1, json["first_bad_record"]!.GetValue<long>());
    }

    [Fact]
    public async Task AuditArchive_NotADate_InvalidArgument()
    {
        var cli = TiergateCli.InTempDirectory();
        Assert.Equal(0, (await cli.JsonAsync("users", "add", "--email", "ada@example.org")).Exit);

        var (exit, json) = await cli.JsonAsync("audit", "archive", "--before", "last tuesday", "--output", Path.Combine(cli.DataDirectory, "x.jsonl"));

        Assert.NotEqual(0, exit);
        Assert.Equal("invalid_argument", json["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Serve_AuditKeepSetting_ArchivesOnItsOwnAndTheChainHolds()
    {
        var cli = TiergateCli.InTempDirectory();
        Assert.Equal(0, (await cli.JsonAsync("users", "add", "--email", "ada@example.org")).Exit);
        Assert.Equal(0, (await cli.JsonAsync("users", "add", "--email", "bob@example.org")).Exit);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var archives = Path.Combine(cli.DataDirectory, "archives");
        var settings = Path.Combine(cli.DataDirectory, "settings.yaml");
        await File.WriteAllTextAsync(settings, $"audit:\n  keep: 1s\n  archive_dir: {archives}\n  interval: 1s\n");
        var port = ServeReadiness.FreePort();
        using (var server = cli.Start("serve", "--settings", settings, "--urls", $"http://127.0.0.1:{port}"))
        {
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                await ServeReadiness.WaitUntilReadyAsync(http, server);
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (!(Directory.Exists(archives) && Directory.GetFiles(archives, "*.jsonl").Length > 0) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200);
                }
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }

        var files = Directory.GetFiles(archives, "*.jsonl");
        Assert.NotEmpty(files);
        var (exit, json) = await cli.JsonAsync(["audit", "verify", "--archive", .. files]);
        Assert.True(exit == 0, json.ToJsonString());
        Assert.Contains(File.ReadLines(files[0]), l => l.Contains("\"action\":\"user.", StringComparison.Ordinal));
    }
}
