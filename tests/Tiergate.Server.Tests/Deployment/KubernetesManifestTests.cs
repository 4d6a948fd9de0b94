using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration.Memory;
using Tiergate.Core.Policy;
using Tiergate.Server.Shutdown;
using Tiergate.Settings;
using Tiergate.Storage.Secrets;
using YamlDotNet.RepresentationModel;
using static Tiergate.Server.Tests.Deployment.DeployFiles;

namespace Tiergate.Server.Tests.Deployment;

/// <summary>
/// deploy/kubernetes: every Secret, ConfigMap, key, volume, port and probe the manifests refer to exists; probes
/// hit real routes; the command lines parse with the real verbs; the policy and settings they mount load.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly IReadOnlyList<YamlMappingNode> Objects = KubernetesObjects();

    [Fact]
    public void Manifests_EverySecretKeyReference_ExistsInASecret()
    {
        var references = Containers().SelectMany(c => Seq(c.Container, "env"))
            .Select(e => MapOrNull(e, "valueFrom") is { } from ? MapOrNull(from, "secretKeyRef") : null)
            .OfType<YamlMappingNode>()
            .ToList();

        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            var secret = Single(Objects, "Secret", Scalar(reference, "name")!);
            var keys = (MapOrNull(secret, "stringData") ?? Map(secret, "data")).Children.Keys.Select(k => ((YamlScalarNode)k).Value);
            Assert.Contains(Scalar(reference, "key"), keys);
        }
    }

    [Fact]
    public void Manifests_EveryPodGetsAllThreeSharedSecrets_ByTheirRealVariableNames()
    {
        foreach (var (owner, container) in Containers())
        {
            var fromSecrets = Seq(container, "env").Where(e => MapOrNull(e, "valueFrom") is { } from && MapOrNull(from, "secretKeyRef") is not null)
                .Select(e => Scalar(e, "name")).ToHashSet();
            foreach (var source in SecretSource.All)
            {
                Assert.True(fromSecrets.Contains(source.EnvironmentVariable), $"{owner} lacks {source.EnvironmentVariable} (the {source.Description}) from a Secret");
            }
        }
    }

    [Fact]
    public void Manifests_EveryConfigMapVolumeAndMount_ExistsWithItsKeys()
    {
        foreach (var (owner, template) in PodTemplates(Objects))
        {
            var spec = Map(template, "spec");
            var volumes = Seq(spec, "volumes").ToDictionary(v => Scalar(v, "name")!);
            foreach (var (_, container) in ContainersOf(owner, template))
            {
                foreach (var mount in Seq(container, "volumeMounts"))
                {
                    Assert.True(volumes.ContainsKey(Scalar(mount, "name")!), $"{owner}: mount {Scalar(mount, "name")} has no volume");
                }
            }

            foreach (var volume in volumes.Values.Select(v => MapOrNull(v, "configMap")).OfType<YamlMappingNode>())
            {
                var data = Map(Single(Objects, "ConfigMap", Scalar(volume, "name")!), "data");
                foreach (var item in Seq(volume, "items"))
                {
                    Assert.True(data.Children.ContainsKey(new YamlScalarNode(Scalar(item, "key")!)), $"{owner}: ConfigMap {Scalar(volume, "name")} has no key {Scalar(item, "key")}");
                }
            }
        }
    }

    [Fact]
    public void Manifests_ConfigAndSettingsArguments_AreFilesTheMountedConfigMapsProvide()
    {
        foreach (var (owner, container) in Containers())
        {
            var args = Args(container);
            Assert.NotNull(MountedFile(owner, TiergateCommandLine.ValueOf(args, "--settings")));
            // The gateways serve a policy; the migration Job reads none, and mounts none.
            if (owner == "Deployment/tiergate" || args.Contains("--config"))
            {
                Assert.NotNull(MountedFile(owner, TiergateCommandLine.ValueOf(args, "--config")));
            }
        }
    }

    [Fact]
    public void MigrationJob_RunsTheMigrateVerbOnTheGatewaysDatabaseAndSecrets()
    {
        var (owner, job) = Containers().Single(c => c.Owner == "Job/tiergate-migrate");
        var (gateway, deployment) = Containers().Single(c => c.Owner == "Deployment/tiergate");
        var (parsed, errors) = TiergateCommandLine.Parse(Args(job));
        static Dictionary<string, string> FromSecrets(YamlMappingNode container) =>
            Seq(container, "env").Where(e => MapOrNull(e, "valueFrom") is { } from && MapOrNull(from, "secretKeyRef") is not null)
                .ToDictionary(e => Scalar(e, "name")!, e => $"{Scalar(MapOrNull(MapOrNull(e, "valueFrom")!, "secretKeyRef")!, "name")}/{Scalar(MapOrNull(MapOrNull(e, "valueFrom")!, "secretKeyRef")!, "key")}");

        Assert.True(errors.Count == 0, $"{owner}: {string.Join("; ", errors)}");
        Assert.Equal("migrate", parsed.CommandResult.Command.Name);
        Assert.Equal(TiergateCommandLine.ValueOf(Args(deployment), "--settings"), TiergateCommandLine.ValueOf(Args(job), "--settings"));
        var gatewaySecrets = FromSecrets(deployment);
        var jobSecrets = FromSecrets(job);
        // The same database and the same key-encryption and audit signing keys as the gateways (Redis it does not need).
        foreach (var variable in new[] { "TIERGATE_DATABASE__CONNECTION", SecretSource.KeyEncryptionKey.EnvironmentVariable, SecretSource.AuditSigningKey.EnvironmentVariable })
        {
            Assert.True(jobSecrets.TryGetValue(variable, out var reference) && reference == gatewaySecrets[variable], $"{owner}: {variable} is not {gateway}'s {gatewaySecrets[variable]}");
        }
    }

    [Fact]
    public void Manifests_CommandLines_ParseWithTheRealVerbsAndFlags()
    {
        foreach (var (owner, container) in Containers())
        {
            Assert.Null(Scalar(container, "command")); // the image's ENTRYPOINT is `dotnet /app/tiergate.dll`
            var (_, errors) = TiergateCommandLine.Parse(Args(container));
            Assert.True(errors.Count == 0, $"{owner}: {string.Join("; ", errors)}");
        }

        Assert.Contains("ENTRYPOINT [\"dotnet\", \"/app/tiergate.dll\"]", Text("container/Dockerfile"), StringComparison.Ordinal);
    }

    [Fact]
    public void Deployment_ProbesAndPorts_HitRealRoutesOnTheListeningPort()
    {
        var deployment = Single(Objects, "Deployment", "tiergate");
        var container = (YamlMappingNode)Assert.Single(Seq(Map(Map(Map(deployment, "spec"), "template"), "spec"), "containers"));
        var ports = Seq(container, "ports").ToDictionary(p => Scalar(p, "name")!, p => int.Parse(Scalar(p, "containerPort")!, System.Globalization.CultureInfo.InvariantCulture));
        var listening = new Uri(TiergateCommandLine.ValueOf(Args(container), "--urls")).Port;
        var routes = ServerRoutes.Health();

        Assert.Equal(listening, ports["http"]);
        var probes = new[] { "readinessProbe", "livenessProbe", "startupProbe" }.ToDictionary(p => p, p => Map(Map(container, p), "httpGet"));
        foreach (var (name, probe) in probes)
        {
            Assert.True(routes.Contains(Scalar(probe, "path")!), $"{name} path {Scalar(probe, "path")} is not a route of the server ({string.Join(", ", routes)})");
            Assert.True(ports.ContainsKey(Scalar(probe, "port")!), $"{name} port {Scalar(probe, "port")} is not a named container port");
        }

        Assert.Equal("/readyz", Scalar(probes["readinessProbe"], "path"));
        Assert.Equal("/healthz", Scalar(probes["livenessProbe"], "path"));
    }

    [Fact]
    public void Deployment_MetricsListener_AnnotatedForPrometheusAndNotInTheService()
    {
        var deployment = Single(Objects, "Deployment", "tiergate");
        var template = Map(Map(deployment, "spec"), "template");
        var container = (YamlMappingNode)Assert.Single(Seq(Map(template, "spec"), "containers"));
        var ports = Seq(container, "ports").ToDictionary(p => Scalar(p, "name")!, p => Scalar(p, "containerPort")!);
        var metrics = Tiergate.Server.Telemetry.MetricsAddress.Parse(TiergateCommandLine.ValueOf(Args(container), "--metrics-urls"), out var problem);
        var annotations = Map(Map(template, "metadata"), "annotations");
        var service = Single(Objects, "Service", "tiergate");

        Assert.True(metrics is not null, problem);
        Assert.Equal(metrics.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ports["metrics"]);
        Assert.Equal(ports["metrics"], Scalar(annotations, "prometheus.io/port"));
        Assert.Equal(Tiergate.Server.Telemetry.MetricsListener.Path, Scalar(annotations, "prometheus.io/path"));
        Assert.All(Seq(Map(service, "spec"), "ports"), p => Assert.NotEqual("metrics", Scalar(p, "targetPort")));
    }

    [Fact]
    public void ServiceAndDisruptionBudget_SelectTheDeploymentsPodsAndPort()
    {
        var deployment = Single(Objects, "Deployment", "tiergate");
        var podLabels = Labels(Map(Map(Map(Map(deployment, "spec"), "template"), "metadata"), "labels"));
        var container = (YamlMappingNode)Assert.Single(Seq(Map(Map(Map(deployment, "spec"), "template"), "spec"), "containers"));
        var portNames = Seq(container, "ports").Select(p => Scalar(p, "name")).ToHashSet();
        var service = Single(Objects, "Service", "tiergate");
        var budget = Single(Objects, "PodDisruptionBudget", "tiergate");

        Assert.Superset(Labels(Map(Map(service, "spec"), "selector")).ToHashSet(), podLabels.ToHashSet());
        Assert.Superset(Labels(Map(Map(Map(budget, "spec"), "selector"), "matchLabels")).ToHashSet(), podLabels.ToHashSet());
        Assert.Superset(Labels(Map(Map(Map(deployment, "spec"), "selector"), "matchLabels")).ToHashSet(), podLabels.ToHashSet());
        Assert.All(Seq(Map(service, "spec"), "ports"), p => Assert.Contains(Scalar(p, "targetPort"), portNames));
    }

    [Fact]
    public void MountedPolicyAndSettings_LoadWithoutErrors()
    {
        var (owner, container) = Containers().First(c => c.Owner == "Deployment/tiergate");
        var policy = PolicyLoader.Load(MountedFile(owner, TiergateCommandLine.ValueOf(Args(container), "--config"))!);
        var settings = LoadSettings(MountedFile(owner, TiergateCommandLine.ValueOf(Args(container), "--settings"))!);

        Assert.True(policy.IsValid, string.Join("\n", policy.Errors));
        Assert.True(settings.IsValid, string.Join("\n", settings.Errors));
    }

    [Fact]
    public void Deployment_GracePeriod_OutlastsPreStopDrainAndFlush()
    {
        var (owner, container) = Containers().First(c => c.Owner == "Deployment/tiergate");
        var settings = LoadSettings(MountedFile(owner, TiergateCommandLine.ValueOf(Args(container), "--settings"))!).Settings!;
        var podSpec = Map(Map(Map(Single(Objects, "Deployment", "tiergate"), "spec"), "template"), "spec");
        var grace = TimeSpan.FromSeconds(int.Parse(Scalar(podSpec, "terminationGracePeriodSeconds")!, System.Globalization.CultureInfo.InvariantCulture));
        var preStop = TimeSpan.FromSeconds(int.Parse(Scalar(Map(Map(Map(container, "lifecycle"), "preStop"), "sleep"), "seconds")!, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(grace > preStop + settings.Server.ShutdownTimeout + ShutdownDrain.FlushMargin,
            $"terminationGracePeriodSeconds {grace} <= preStop {preStop} + shutdown_timeout {settings.Server.ShutdownTimeout} + flush {ShutdownDrain.FlushMargin}");
    }

    [Fact]
    public void SecretManifest_HoldsNoUsableKey()
    {
        // The committed Secret is a shape: its key values must not be base64 of 32 bytes that someone might deploy.
        var data = Map(Single(Objects, "Secret", "tiergate-secrets"), "stringData");
        foreach (var key in new[] { "pepper", "kek", "audit-signing-key" })
        {
            Assert.Matches(Placeholder(), Scalar(data, key)!);
        }
    }

    /// <summary>The settings <paramref name="yaml"/> gives, under the command-line <paramref name="flags"/> (no variables).</summary>
    internal static SettingsLoadResult LoadSettings(string yaml, params SettingsFlag[] flags)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tiergate-deploy-settings-").FullName, "settings.yaml");
        File.WriteAllText(path, yaml);
        return DeploymentSettingsLoader.Load(path, flags, new MemoryConfigurationSource());
    }

    private static IEnumerable<(string Owner, YamlMappingNode Container)> Containers() =>
        PodTemplates(Objects).SelectMany(t => ContainersOf(t.Owner, t.Template));

    private static IEnumerable<(string Owner, YamlMappingNode Container)> ContainersOf(string owner, YamlMappingNode template) =>
        Seq(Map(template, "spec"), "containers").Select(c => (owner, (YamlMappingNode)c));

    /// <summary>The container's arguments with <c>$(VAR)</c> replaced by the literal value its env gives, as the kubelet does.</summary>
    private static List<string> Args(YamlMappingNode container)
    {
        var literals = Seq(container, "env").Where(e => Scalar(e, "value") is not null).ToDictionary(e => Scalar(e, "name")!, e => Scalar(e, "value")!);
        return Seq(container, "args").Select(a => Reference().Replace(((YamlScalarNode)a).Value!, m =>
        {
            Assert.True(literals.TryGetValue(m.Groups[1].Value, out var value), $"$({m.Groups[1].Value}) has no literal value in the container's env");
            return value!;
        })).ToList();
    }

    /// <summary>The text of the file at <paramref name="path"/> inside the pod: a ConfigMap item under a volume mount; null when none provides it.</summary>
    private static string? MountedFile(string owner, string path)
    {
        var (_, template) = PodTemplates(Objects).Single(t => t.Owner == owner);
        var volumes = Seq(Map(template, "spec"), "volumes").ToDictionary(v => Scalar(v, "name")!);
        foreach (var (_, container) in ContainersOf(owner, template))
        {
            foreach (var mount in Seq(container, "volumeMounts"))
            {
                var mountPath = Scalar(mount, "mountPath")!.TrimEnd('/') + "/";
                if (!path.StartsWith(mountPath, StringComparison.Ordinal) || MapOrNull(volumes[Scalar(mount, "name")!], "configMap") is not { } configMap)
                {
                    continue;
                }

                var item = Seq(configMap, "items").FirstOrDefault(i => Scalar(i, "path") == path[mountPath.Length..]);
                var data = Map(Single(Objects, "ConfigMap", Scalar(configMap, "name")!), "data");
                return item is null ? null : Scalar(data, Scalar(item, "key")!);
            }
        }

        return null;
    }

    [GeneratedRegex(@"\$\(([A-Z_][A-Z0-9_]*)\)")]
    private static partial Regex Reference();

    [GeneratedRegex("^REPLACE")]
    private static partial Regex Placeholder();
}
