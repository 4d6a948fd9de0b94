using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tiergate.Core.Notifications;

namespace Tiergate.Console.Mail;

/// <summary>
/// Sends the console's mail in the background, so a page answers in the same time whether or not it sent
/// mail (register, forgot: no timing tells whether an address is registered) and a slow mail server never
/// holds a request. A failed send is logged (kind only) and dropped: the user can ask again.
/// </summary>
public sealed partial class MailQueue(IUserNotifier notifier, ILogger<MailQueue> logger) : BackgroundService
{
    private readonly Channel<UserMessage> _queue = Channel.CreateBounded<UserMessage>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(UserMessage message)
    {
        if (!_queue.Writer.TryWrite(message))
        {
            LogDropped(logger, message.Kind);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await notifier.SendAsync(message, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, message.Kind, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Error, Message = "Could not send {Kind} mail: {Error}")]
    private static partial void LogFailed(ILogger logger, string kind, string error);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Error, Message = "Mail queue full: {Kind} mail dropped")]
    private static partial void LogDropped(ILogger logger, string kind);
}
