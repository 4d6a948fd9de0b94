using System.Text;
using System.Text.Json.Nodes;

namespace Tiergate.Server.IntegrationTests.Shutdown;

/// <summary>The answer text a client reassembles from a chat completion stream's <c>delta.content</c> pieces.</summary>
internal static class StreamText
{
    public static string Of(string sse)
    {
        var text = new StringBuilder();
        foreach (var line in sse.Split('\n'))
        {
            var data = line.TrimEnd('\r');
            if (!data.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var choice in JsonNode.Parse(data["data: ".Length..])?["choices"]?.AsArray() ?? [])
            {
                text.Append((string?)choice?["delta"]?["content"]);
            }
        }

        return text.ToString();
    }
}
