using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tiergate.Core.Policy;

/// <summary>Parses and validates a YAML policy, reporting every error at once with its path.</summary>
public static class PolicyLoader
{
    public static PolicyLoadResult LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PolicyLoadResult(null, [new PolicyError(path, $"cannot read file: {e.Message}")]);
        }

        return Load(text, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <param name="baseDirectory">Relative paths in the policy (safeguards.directory) resolve against it; the current directory when null.</param>
    public static PolicyLoadResult Load(string yaml, string? baseDirectory = null)
    {
        var errors = new List<PolicyError>();
        var stream = new YamlStream();
        try
        {
            if (YamlNesting.FindTooDeep(yaml) is { } line)
            {
                return new PolicyLoadResult(null, [new PolicyError("(file)", $"nested deeper than {YamlNesting.MaxDepth} levels", (int)line)]);
            }

            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            return new PolicyLoadResult(null, [new PolicyError("(file)", $"not valid YAML: {e.InnerException?.Message ?? e.Message}", (int)e.Start.Line)]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed flow collections.
            return new PolicyLoadResult(null, [new PolicyError("(file)", "not valid YAML: unterminated or malformed collection", 0)]);
        }

        var root = new YamlFields(stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null, "", errors);
        if (!root.Exists)
        {
            errors.Add(new PolicyError("(file)", "expected a mapping with variants, policies and tiers"));
            return new PolicyLoadResult(null, errors);
        }

        var variants = ReadList(root, "variants", errors, VariantReader.Read);
        var policies = ReadList(root, "policies", errors, AcceptableUsePolicyReader.Read);
        var tiers = ReadList(root, "tiers", errors, TierReader.Read);
        var gateway = GatewaySettingsReader.Read(root.Nested("gateway"));
        var safeguards = SafeguardsSettingsReader.Read(root.Nested("safeguards"), baseDirectory);
        root.RejectUnknownKeys();

        PolicyCrossChecks.Check(variants, policies, tiers, errors);
        GuardReader.CheckReferences(safeguards.Guards, tiers, errors);
        return errors.Count > 0
            ? new PolicyLoadResult(null, errors)
            : new PolicyLoadResult(new PolicyDocument(Items(variants), Items(policies), Items(tiers), gateway, safeguards), errors);
    }

    private static List<ListEntry<T>> ReadList<T>(
        YamlFields root, string key, List<PolicyError> errors, Func<YamlFields, T?> read)
        where T : class
    {
        var items = new List<ListEntry<T>>();
        foreach (var (node, path) in root.Items(key))
        {
            var fields = new YamlFields(node, path, errors);
            var item = fields.Exists ? read(fields) : null;
            var name = (node as YamlMappingNode)?.Children
                .FirstOrDefault(c => c.Key is YamlScalarNode { Value: "name" or "id" }).Value as YamlScalarNode;
            items.Add(new ListEntry<T>(item, name?.Value, path, node));
            fields.RejectUnknownKeys();
        }

        if (items.Count == 0)
        {
            root.Error(key, "at least one entry is required", null);
        }

        return items;
    }

    private static List<T> Items<T>(List<ListEntry<T>> read)
        where T : class => read.Where(r => r.Item is not null).Select(r => r.Item!).ToList();
}
