using Microsoft.Extensions.Logging;

namespace Tiergate.Server.Policies;

/// <summary>Log lines of policy reloads (event ids 1900-1909): hashes, versions and error paths, never the policy's text.</summary>
internal static partial class PolicyReloadLog
{
    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "Policy {Hash} (version {Version}) now serves new requests, from {Source}; it replaced {OldHash}")]
    public static partial void Reloaded(ILogger logger, string hash, string version, string source, string oldHash);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Error, Message = "Policy from {Source} refused ({Code}, {Count} error(s)); policy {Hash} keeps running. {Errors}")]
    public static partial void Refused(ILogger logger, string source, string code, int count, string hash, string errors);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Information, Message = "SIGHUP: the policy file is unchanged ({Hash}); nothing to reload")]
    public static partial void Unchanged(ILogger logger, string hash);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Warning, Message = "Checking for a new policy failed ({Failure}); policy {Hash} keeps running and the check is retried")]
    public static partial void CheckFailed(ILogger logger, string failure, string hash);

    [LoggerMessage(EventId = 1904, Level = LogLevel.Information, Message = "SIGHUP received: reloading the policy from {Source}")]
    public static partial void Signal(ILogger logger, string source);
}
