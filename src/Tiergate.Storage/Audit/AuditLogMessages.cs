using Microsoft.Extensions.Logging;

namespace Tiergate.Storage.Audit;

internal static partial class AuditLogMessages
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Audit batch of {Count} records could not be committed; the requests are refused")]
    public static partial void BatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Audit checkpoint signed at record {Sequence}")]
    public static partial void CheckpointWritten(ILogger logger, long sequence);
}
