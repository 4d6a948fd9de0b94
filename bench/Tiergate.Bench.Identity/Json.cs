using System.Text.Json;

namespace Tiergate.Bench.Identity;

/// <summary>The report's JSON form: indented, camelCase.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
