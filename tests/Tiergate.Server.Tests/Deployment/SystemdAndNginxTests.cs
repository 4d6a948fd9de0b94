using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration.Memory;
using Tiergate.Server.Shutdown;
using Tiergate.Settings;
using static Tiergate.Server.Tests.Deployment.DeployFiles;

namespace Tiergate.Server.Tests.Deployment;

/// <summary>
/// deploy/systemd and deploy/nginx: the unit runs a real command line, stops after the drain, names real
/// settings; nginx sends to the port the unit listens on, and the unit's settings trust nginx's address.
/// </summary>
public sealed partial class SystemdAndNginxTests
{
    [Fact]
    public void Unit_ExecStart_IsServeWithRealFlags()
    {
        var exec = ExecStart();

        Assert.Equal("/usr/bin/dotnet", exec[0]);
        Assert.EndsWith("/tiergate.dll", exec[1], StringComparison.Ordinal);
        var (result, errors) = TiergateCommandLine.Parse(exec[2..]);
        Assert.True(errors.Count == 0, string.Join("; ", errors));
        Assert.Equal("serve", result.CommandResult.Command.Name);
    }

    [Fact]
    public void Nginx_Upstream_IsThePortTheUnitListensOn()
    {
        var listening = new Uri(TiergateCommandLine.ValueOf(ExecStart(), "--urls"));
        var config = Text("nginx/tiergate.conf");
        var upstream = Upstream().Match(config);

        Assert.True(upstream.Success, "no `upstream tiergate { ... }` block");
        Assert.Contains("proxy_pass http://tiergate;", config, StringComparison.Ordinal);
        var servers = Server().Matches(upstream.Groups["body"].Value).Select(m => m.Groups["address"].Value).ToList();
        Assert.Contains($"{listening.Host}:{listening.Port}", servers);
    }

    [Fact]
    public void Unit_TrustedProxyFlag_TrustsNginxsAddressAndTheSettingsLoad()
    {
        var exec = ExecStart();
        var listening = new Uri(TiergateCommandLine.ValueOf(exec, "--urls"));
        var (parsed, _) = TiergateCommandLine.Parse(exec[2..]);
        var flag = new SettingsFlag("server:trusted_proxies", "--trusted-proxy", parsed.GetValue<string[]>("--trusted-proxy") ?? []);

        // What serve resolves: the flag's list over the settings file's (nginx connects from the address the unit listens on).
        var settings = KubernetesManifestTests.LoadSettings(Text("systemd/settings.yaml"), flag);

        Assert.NotEmpty(flag.Values);
        Assert.True(settings.IsValid, string.Join("\n", settings.Errors));
        Assert.Equal("/etc/tiergate/settings.yaml", TiergateCommandLine.ValueOf(exec, "--settings"));
        Assert.Contains(settings.Settings!.Server.TrustedProxies, p => IPNetwork.Parse(p.Contains('/', StringComparison.Ordinal) ? p : p + "/32").Contains(IPAddress.Parse(listening.Host)));
        Assert.Contains("proxy_set_header X-Forwarded-For $remote_addr;", Text("nginx/tiergate.conf"), StringComparison.Ordinal);
        Assert.Contains("--trusted-proxy", Text("nginx/tiergate.conf"), StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_StopTimeout_OutlastsTheDrainAndTheFlush()
    {
        var settings = KubernetesManifestTests.LoadSettings(Text("systemd/settings.yaml")).Settings!;
        var stop = TimeSpan.FromSeconds(int.Parse(Directive("TimeoutStopSec").Single(), CultureInfo.InvariantCulture));

        Assert.Equal("SIGTERM", Directive("KillSignal").Single());
        Assert.True(stop > settings.Server.ShutdownTimeout + ShutdownDrain.FlushMargin, $"TimeoutStopSec {stop} would kill the drain");
    }

    [Fact]
    public void Unit_EnvironmentSettings_AreKnownKeys()
    {
        // Environment=TIERGATE_X__Y=value lines address settings: each must be a key the server reads (unknown ones are refused at start).
        var variables = Directive("Environment").Select(e => e.Split('=', 2)).ToList();
        Assert.NotEmpty(variables);
        var data = variables.ToDictionary(
            v => v[0]["TIERGATE_".Length..].Replace("__", ":", StringComparison.Ordinal),
            v => (string?)v[1],
            StringComparer.OrdinalIgnoreCase);

        var result = DeploymentSettingsLoader.Load(null, [], new MemoryConfigurationSource { InitialData = data });

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("/etc/tiergate/secrets/kek", result.Settings!.Secrets.KekFile);
    }

    private static string[] ExecStart() => Directive("ExecStart").Single().Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static List<string> Directive(string name) =>
        Text("systemd/tiergate.service").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith(name + "=", StringComparison.Ordinal))
            .Select(l => l[(name.Length + 1)..])
            .ToList();

    [GeneratedRegex(@"upstream\s+tiergate\s*\{(?<body>[^}]*)\}")]
    private static partial Regex Upstream();

    [GeneratedRegex(@"^\s*server\s+(?<address>[^\s;]+)", RegexOptions.Multiline)]
    private static partial Regex Server();
}
