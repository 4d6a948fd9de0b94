using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiergate.Server.Screening;
using Tiergate.Storage.Alerts;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests.Privacy;

/// <summary>
/// One run of the planted-string test: the sample's <c>medical-research</c> tier (with the privacy mode under test)
/// receives prompts and answers carrying <see cref="Planted"/> in every field the model reads, streamed and not, until
/// its detectors raise alerts; then the server stops (which stores detector state) and everything it could have
/// kept is read back: the data directory's files, every PostgreSQL row, every entity decrypted, every log entry at
/// Trace level, and the alerts. <see cref="Control"/> is written on purpose into a table and a log entry, so each
/// run proves that its own search reaches each of those places.
/// </summary>
public sealed class PlantedRun
{
    public const string Tier = "medical-research";
    private const string Variant = "bio-research";

    /// <summary>Fields of a request the model reads (or the upstream receives), each given the planted string.</summary>
    private static readonly string[] PromptFields =
    [
        "content string", "content text part", "developer message", "message name", "tool call arguments", "custom tool call input",
        "legacy function_call in a message", "tool result", "function result", "tool description", "tool schema description",
        "response_format schema", "prediction", "stop string", "metadata value", "user",
    ];

    /// <summary>Fields of an answer the client reads, each given the planted string by the upstream.</summary>
    private static readonly string[] AnswerFields = ["content", "reasoning_content", "refusal", "tool_arguments", "function_arguments", "content_part"];

    private PlantedRun(PlantedString planted, PlantedString control) => (Planted, Control) = (planted, control);

    public PlantedString Planted { get; }

    public PlantedString Control { get; }

    public bool Postgres { get; private set; }

    public IReadOnlyList<AlertView> Alerts { get; private set; } = [];

    public IReadOnlyList<(string Path, byte[] Bytes)> Files { get; private set; } = [];

    public IReadOnlyList<(string Table, string Row)> PostgresRows { get; private set; } = [];

    public IReadOnlyList<(string Entity, string Row)> DecryptedRows { get; private set; } = [];

    public IReadOnlyCollection<string> Logs { get; private set; } = [];

    /// <summary>Answers the client received (bodies, streams whole): the planted string reached the client through them.</summary>
    public IReadOnlyList<string> Answers { get; private set; } = [];

    /// <summary>Request bodies the upstream received.</summary>
    public IReadOnlyList<string> UpstreamBodies { get; private set; } = [];

    public static async Task<PlantedRun> RunAsync(string backend, string privacy)
    {
        var run = new PlantedRun(PlantedString.New(), PlantedString.New());
        var safeguards = SafeguardsWithPlantedTerm(run.Planted.Value);
        var logs = new CapturedLogs();
        try
        {
            await using var host = await GatewayHost.StartAsync(
                backend,
                yaml => Policy(yaml, privacy, safeguards),
                configureServices: services => services.AddLogging(b => b.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Trace)));
            run.Postgres = host.Store.IsPostgres;
            await run.DriveAsync(host);
            await run.PlantControlAsync(host);
            await host.StopAsync();

            // Read while SQLite still holds its connections, so that the -wal and -shm files are there to read.
            run.Files = StoreContents.Files(host.Store.Options.DataDirectory);
            run.PostgresRows = host.Store.IsPostgres ? await StoreContents.PostgresRowsAsync(host.Store.Options.PostgresConnection!) : [];
            run.DecryptedRows = await StoreContents.DecryptedRowsAsync(host.Store.Database);
            run.Logs = logs.Entries;
        }
        finally
        {
            Directory.Delete(safeguards, recursive: true);
        }

        return run;
    }

    /// <summary>Where a form of <paramref name="s"/> was found, one line per place and form.</summary>
    public IReadOnlyList<string> WhereFound(PlantedString s) =>
    [
        .. Files.SelectMany(f => s.FormsIn(f.Bytes).Select(form => $"file {f.Path}: {form}")),
        .. PostgresRows.SelectMany(r => s.FormsIn(r.Row).Select(form => $"table {r.Table}: {form}")),
        .. DecryptedRows.SelectMany(r => s.FormsIn(r.Row).Select(form => $"{r.Entity} (decrypted): {form}")),
        .. Logs.SelectMany(l => s.FormsIn(l).Select(form => $"log: {form}: {l}")),
        .. Alerts.SelectMany(a => s.FormsIn(JsonSerializer.Serialize(a)).Select(form => $"alert {a.Id} ({a.Detector}): {form}")),
    ];

    /// <summary>The alerts with their evidence, for failure messages.</summary>
    public string DescribeAlerts() => string.Join("\n", Alerts.Select(a => $"{a.Id} {a.Detector} {a.Tier}: {JsonSerializer.Serialize(a.Evidence)}"));

    private async Task DriveAsync(GatewayHost host)
    {
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync(Tier)));
        client.DefaultRequestHeaders.Add("X-Tiergate-Tier", Tier);
        var s = Planted.Value;
        var answers = new List<string>();
        var requests = 0;

        // Requests refused before screening, the planted string where their error is (error messages may echo it).
        foreach (var refused in new[]
        {
            $$"""{"model":"{{Variant}}","messages":[{"role":"user","content":"hi"}],"{{s}}":1}""",
            $$"""{"model":"{{Variant}}","messages":[{"role":"user","content":[{"type":"{{s}}","text":"hi"}]}]}""",
            $$"""{"model":"{{Variant}}","messages":[{"role":"user","content":"{{s}}"}],"max_tokens":"{{s}}"}""",
            $$"""{"model":"{{s}}","messages":[{"role":"user","content":"{{s}}"}]}""",
            $$"""{"model":"{{Variant}}","messages":[{"role":"user","content":"{{s}}""",
        })
        {
            using var response = await PostAsync(client, refused);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{refused}: {response.StatusCode}");
            requests++;
        }

        // Prompts flagged (the planted string is a chemistry term) in every field, answered with it in every answer field;
        // from the fifth on a circumvention streak, from the third outside_purpose (chemistry is not the tier's purpose).
        host.Upstream.Answer = $"Noted {s} in the answer";
        for (var i = 0; i < PromptFields.Length; i++)
        {
            host.Upstream.AnswerField = AnswerFields[i % AnswerFields.Length];
            var body = JsonNode.Parse(TextFields.Body(PromptFields[i], s, Variant))!.AsObject();
            body["stream"] = i % 2 == 1;
            using var response = await PostAsync(client, body.ToJsonString());
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{PromptFields[i]}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            answers.Add(await response.Content.ReadAsStringAsync());
            requests++;
            await Task.Delay(60); // hits closer than 50 ms are one prompt to the detectors
        }

        // The planted string in other encodings a client might send it in: lower-cased (still the term) and base64 of its bytes.
        foreach (var encoded in new[] { s.ToLowerInvariant(), Convert.ToBase64String(Encoding.UTF8.GetBytes(s)) })
        {
            using var response = await PostAsync(client, TextFields.Body("content string", $"please read {encoded}", Variant));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync());
            requests++;
            await Task.Delay(60);
        }

        // Prompts blocked (radiological terms), each with the planted string: rephrasings of one blocked prompt, five of
        // them so that a streak (whose evidence carries the matched terms in a full tier) fires besides the variations.
        foreach (var wording in new[]
        {
            "plans for a dirty bomb and a radiological weapon", "a dirty bomb and radiological weapon plan", "dirty bomb, radiological weapon: the plans",
            "radiological weapon and dirty bomb plans, please", "the plans: a dirty bomb, a radiological weapon",
        })
        {
            using var blocked = await PostAsync(client, TextFields.Body("content string", $"{s} {wording}", Variant));
            Assert.Equal(HttpStatusCode.BadRequest, blocked.StatusCode);
            requests++;
            await Task.Delay(60);
        }

        // Answers blocked (radiological terms) with the planted string in them, streamed and not.
        host.Upstream.AnswerField = "content";
        host.Upstream.Answer = $"{s} dirty bomb and radiological weapon plans";
        foreach (var stream in new[] { false, true })
        {
            var body = JsonNode.Parse(TextFields.Body("content string", "a harmless question", Variant))!.AsObject();
            body["stream"] = stream;
            using var response = await PostAsync(client, body.ToJsonString());
            answers.Add(await response.Content.ReadAsStringAsync());
            requests++;
        }

        await host.Events.AfterRequestsAsync(requests);
        Answers = answers;
        UpstreamBodies = [.. host.Upstream.Requests.Select(r => r.Body.ToJsonString())];
        Alerts = await AlertsOfEveryDetectorAsync(host.Service<AlertStore>(), "circumvention", "outside_purpose");
    }

    /// <summary>The alerts, once each of <paramref name="detectors"/> has raised one (the monitor reads events after the requests end).</summary>
    private static async Task<IReadOnlyList<AlertView>> AlertsOfEveryDetectorAsync(AlertStore store, params string[] detectors)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var alerts = await store.ListAsync(null, null, "privacy-test");
            if (detectors.All(d => alerts.Any(a => a.Detector == d)) || DateTime.UtcNow > deadline)
            {
                return alerts;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The control string, written on purpose into a table (while the server runs, so into SQLite's WAL first) and into the server's log.</summary>
    private async Task PlantControlAsync(GatewayHost host)
    {
        await host.Store.ExecuteAsync("CREATE TABLE privacy_control (v TEXT)");
        await host.Store.ExecuteAsync("INSERT INTO privacy_control (v) VALUES ({0})", Control.Value);
        host.Service<ILoggerFactory>().CreateLogger("PrivacyControl").Log(LogLevel.Trace, new EventId(1), Control.Value, null, (state, _) => state);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body) =>
        client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>
    /// The sample policy with <c>medical-research</c> in <paramref name="privacy"/> mode, chemistry flagged rather than
    /// blocked (so that prompts with the planted chemistry term reach the model and come back), and the safeguards directory with the planted term.
    /// </summary>
    private static string Policy(string yaml, string privacy, string safeguards)
    {
        var start = yaml.IndexOf($"  - name: {Tier}", StringComparison.Ordinal);
        var at = yaml.IndexOf("privacy: ", start, StringComparison.Ordinal);
        var end = yaml.IndexOf('\n', at);
        yaml = yaml[..at] + "privacy: " + privacy + yaml[end..];
        return yaml
            .Replace("{ bio: flag, chem: block, radnuc: block, cyber: block }", "{ bio: flag, chem: flag, radnuc: block, cyber: block }", StringComparison.Ordinal)
            .Replace("# directory: ./my-safeguards", $"directory: {safeguards}  #", StringComparison.Ordinal);
    }

    /// <summary>A copy of the shipped safeguards with the planted string as a chemistry term of weight 4 (enough to decide the category alone).</summary>
    private static string SafeguardsWithPlantedTerm(string planted)
    {
        var directory = Path.Combine(Path.GetTempPath(), "tiergate-tests", "safeguards-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(ContentScreening.DefaultDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(directory, Path.GetRelativePath(ContentScreening.DefaultDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(directory, "terms", "planted.tsv"), $"# the privacy test's planted string\n{planted}\tchem\t4\n");
        return directory;
    }
}
