using System.Text.Json;
using System.Text.Json.Serialization;
using Tiergate.Core.Errors;

namespace Tiergate.Cli;

/// <summary>Prints results as text for people or, with --json, as exactly one JSON object for scripts.</summary>
internal sealed class Output(bool json)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    public bool IsJson => json;

    public int Success(object result, string text)
    {
        System.Console.Out.WriteLine(json ? JsonSerializer.Serialize(result, JsonOptions) : text);
        return 0;
    }

    public int Failure(ErrorCode code, string message, IReadOnlyList<string>? details = null)
    {
        if (json)
        {
            System.Console.Out.WriteLine(JsonSerializer.Serialize(new { error = new { code = code.Name, tiergate_code = code.Id, message, details = details ?? [] } }, JsonOptions));
        }
        else
        {
            System.Console.Error.WriteLine($"error {code.Id} ({code.Name}): {message}");
            foreach (var line in details ?? [])
            {
                System.Console.Error.WriteLine($"  {line}");
            }
        }

        return 1;
    }
}
