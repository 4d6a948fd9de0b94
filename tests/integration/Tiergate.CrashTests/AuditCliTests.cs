using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Tiergate.CrashTests;

/// <summary>`tiergate audit` and `tiergate crypto` run as the built executable, as an operator would.</summary>
public sealed class AuditCliTests
{
    private static string Config => Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml");

    [Fact]
    public async Task AuditVerify_RecordAlteredInDatabase_ExitsOneAndNamesRecord()
    {
        var data = await SeededDataAsync();
        var (cleanExit, clean) = await JsonAsync(data, "audit", "verify");
        await ExecuteAsync(data, "UPDATE audit_records SET actor = 'cli:mallory' WHERE seq = 2");

        var (exit, result) = await JsonAsync(data, "audit", "verify");

        Assert.Equal(0, cleanExit);
        Assert.True((bool)clean["ok"]!);
        Assert.Equal(1, exit);
        Assert.False((bool)result["ok"]!);
        Assert.Equal(2, (long)result["first_bad_record"]!);
    }

    [Fact]
    public async Task AuditVerify_ExportEdited_ExitsOneAndNamesRecord()
    {
        var data = await SeededDataAsync();
        var file = Path.Combine(data, "audit.jsonl");
        var (exportExit, export) = await JsonAsync(data, "audit", "export", "--output", file);
        var (verifyExit, _) = await JsonAsync(data, "audit", "verify", "--export", file);
        var lines = await File.ReadAllLinesAsync(file);
        var index = Array.FindIndex(lines, l => l.Contains("\"type\":\"record\",\"seq\":3,", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("\"outcome\":\"ok\"", "\"outcome\":\"denied\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(file, lines);

        var (exit, result) = await JsonAsync(data, "audit", "verify", "--export", file);

        Assert.Equal(0, exportExit);
        Assert.Equal(4, (long)export["records"]!); // users add's record and its mailbox's identity.attach among them
        Assert.Equal(0, verifyExit);
        Assert.Equal(1, exit);
        Assert.Equal(3, (long)result["first_bad_record"]!);
    }

    [Fact]
    public async Task CryptoRotate_Twice_AdvancesVersionAndIsAudited()
    {
        var data = await SeededDataAsync();

        var (firstExit, first) = await JsonAsync(data, "crypto", "rotate");
        var (secondExit, second) = await JsonAsync(data, "crypto", "rotate");
        var (verifyExit, verify) = await JsonAsync(data, "audit", "verify");

        Assert.Equal(0, firstExit);
        Assert.Equal(0, secondExit);
        Assert.Equal(2, (int)first["active_version"]!);
        Assert.Equal(3, (int)second["active_version"]!);
        Assert.Equal(0, verifyExit);
        Assert.Equal(6, (long)verify["records_checked"]!); // users add's mailbox is an identity.attach record too
    }

    private static async Task<string> SeededDataAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "tiergate-cli-audit-tests", Guid.NewGuid().ToString("N"));
        Assert.Equal(0, (await JsonAsync(data, "users", "add", "--email", "ada@example.org")).Exit);
        Assert.Equal(0, (await JsonAsync(data, "keys", "create", "--user", "ada@example.org")).Exit);
        Assert.Equal(0, (await JsonAsync(data, "keys", "create", "--user", "ada@example.org")).Exit);
        return data;
    }

    private static async Task<(int Exit, JsonObject Json)> JsonAsync(string data, params string[] args)
    {
        var (exit, stdout, stderr) = await ServerProcess.RunCliAsync(data, Config, [.. args, "--json"]);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line of JSON, got: {stdout} {stderr}");
        return (exit, Assert.IsType<JsonObject>(JsonNode.Parse(lines[0])));
    }

    private static async Task ExecuteAsync(string data, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "tiergate.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
