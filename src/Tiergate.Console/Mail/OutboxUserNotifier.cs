using Microsoft.Extensions.Logging;
using Tiergate.Core.Notifications;

namespace Tiergate.Console.Mail;

/// <summary>
/// The quick start's mail: with no SMTP server configured, each message is written as an <c>.eml</c> file under
/// <c>DATA/outbox/</c> (owner-only) and its link printed in the server log, so a local user can follow their own
/// one-time link. Production must configure SMTP (docs/console.md): the log then never holds a link.
/// </summary>
public sealed partial class OutboxUserNotifier(string directory, string from, TimeProvider time, ILogger<OutboxUserNotifier> logger) : IUserNotifier
{
    public string Directory { get; } = directory;

    public async Task SendAsync(UserMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var name = $"{time.GetUtcNow():yyyyMMddTHHmmssfff}-{message.Kind}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(Directory, name);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new FileStream(path, fileOptions))
        {
            await MimeMessages.From(message, from).WriteToAsync(file, cancellationToken);
        }

        if (message.Link is { } link)
        {
            LogWrittenWithLink(logger, message.Kind, path, link);
        }
        else
        {
            LogWritten(logger, message.Kind, path);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "No mail server configured: {Kind} mail written to {Path}; its link: {Link}")]
    private static partial void LogWrittenWithLink(ILogger logger, string kind, string path, Uri link);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "No mail server configured: {Kind} mail written to {Path}")]
    private static partial void LogWritten(ILogger logger, string kind, string path);
}
