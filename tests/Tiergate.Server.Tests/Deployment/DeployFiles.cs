using YamlDotNet.RepresentationModel;

namespace Tiergate.Server.Tests.Deployment;

/// <summary>The files under <c>deploy/</c> (copied beside the tests), and small readers for their YAML.</summary>
internal static class DeployFiles
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "deploy", relative);

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Every Kubernetes object in <c>deploy/kubernetes/*.yaml</c>.</summary>
    public static IReadOnlyList<YamlMappingNode> KubernetesObjects()
    {
        var objects = new List<YamlMappingNode>();
        foreach (var file in Directory.GetFiles(PathOf("kubernetes"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            objects.AddRange(stream.Documents.Select(d => (YamlMappingNode)d.RootNode));
        }

        return objects;
    }

    public static YamlMappingNode Single(IEnumerable<YamlMappingNode> objects, string kind, string name) =>
        Assert.Single(objects, o => Scalar(o, "kind") == kind && Scalar(Map(o, "metadata"), "name") == name);

    public static YamlMappingNode Map(YamlNode node, string key) =>
        Assert.IsType<YamlMappingNode>(((YamlMappingNode)node).Children[new YamlScalarNode(key)]);

    public static YamlMappingNode? MapOrNull(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    public static IReadOnlyList<YamlNode> Seq(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? [.. ((YamlSequenceNode)value).Children] : [];

    public static string? Scalar(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    public static IReadOnlyDictionary<string, string> Labels(YamlNode node) =>
        ((YamlMappingNode)node).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);

    /// <summary>Every pod template (Deployment, Job) with its owner's kind and name.</summary>
    public static IEnumerable<(string Owner, YamlMappingNode Template)> PodTemplates(IEnumerable<YamlMappingNode> objects) =>
        objects.Where(o => Scalar(o, "kind") is "Deployment" or "Job")
            .Select(o => ($"{Scalar(o, "kind")}/{Scalar(Map(o, "metadata"), "name")}", Map(Map(o, "spec"), "template")));
}
