using YamlDotNet.RepresentationModel;

namespace Tiergate.Core.Policy;

/// <summary>One entry of a policy list: what was read (null when invalid), its name as written, and where it is.</summary>
internal sealed record ListEntry<T>(T? Item, string? Name, string Path, YamlNode Node)
    where T : class;
