using Microsoft.Extensions.Logging;

namespace Tiergate.Commands;

/// <summary>
/// What <c>tiergate serve</c> says once it listens: printed as text, or, with JSON logs, as log lines, so that every
/// line of its output is a JSON object a collector can read.
/// </summary>
internal static partial class ServeStartupLines
{
    public static void Write(IReadOnlyList<string> lines, ILogger? jsonLogger)
    {
        foreach (var line in lines)
        {
            if (jsonLogger is null)
            {
                System.Console.Out.WriteLine(line);
            }
            else
            {
                LogStartup(jsonLogger, line);
            }
        }
    }

    [LoggerMessage(EventId = 9100, Level = LogLevel.Information, Message = "{Startup}")]
    private static partial void LogStartup(ILogger logger, string startup);
}
