using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Tiergate.Corpus.Spec;

/// <summary>Reads a spec file; YAML parsing also accepts JSON, so one loader serves both.</summary>
public static class FilterSpecLoader
{
    public static FilterSpec Load(string path, List<string> errors)
    {
        try
        {
            var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
            var spec = deserializer.Deserialize<FilterSpec?>(File.ReadAllText(path)) ?? new FilterSpec();
            var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            foreach (var stage in spec.Stages)
            {
                stage.Blocklist = Resolve(dir, stage.Blocklist);
                stage.Classifier = Resolve(dir, stage.Classifier);
                stage.Safeguards = Resolve(dir, stage.Safeguards);
            }

            return spec;
        }
        catch (YamlException ex)
        {
            errors.Add($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (IOException ex)
        {
            errors.Add($"{path}: {ex.Message}");
        }

        return new FilterSpec();
    }

    private static string? Resolve(string dir, string? path) =>
        string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.Combine(dir, path);
}
