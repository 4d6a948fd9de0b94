using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Tiergate.Core.Policy;

/// <summary>
/// Finds YAML nested deeper than a limit by streaming its events, before anything builds a tree of it:
/// YamlDotNet builds trees recursively, and a file of 50,000 nested brackets overflows the stack,
/// which no handler can catch. Configuration files never need more than a few levels.
/// </summary>
public static class YamlNesting
{
    public const int MaxDepth = 64;

    /// <summary>The line where nesting first passes <paramref name="maxDepth"/>, or null when it never does. Malformed YAML throws <see cref="YamlException"/>.</summary>
    public static long? FindTooDeep(string yaml, int maxDepth = MaxDepth)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case SequenceStart or MappingStart:
                    if (++depth > maxDepth)
                    {
                        return parser.Current.Start.Line;
                    }

                    break;
                case SequenceEnd or MappingEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }
}
