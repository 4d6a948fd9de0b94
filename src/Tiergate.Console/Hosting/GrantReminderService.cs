using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tiergate.Storage.Accounts.Grants;

namespace Tiergate.Console.Hosting;

/// <summary>
/// Runs <see cref="GrantExpiryReminders"/> once a minute after start and then every hour, so each holder hears
/// 14 days before a grant expires. Several servers on one database send each reminder once (the store claims it).
/// </summary>
public sealed partial class GrantReminderService(GrantExpiryReminders reminders, ConsoleOptions options, TimeProvider time, ILogger<GrantReminderService> logger) : BackgroundService
{
    private static readonly TimeSpan FirstPass = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstPass, time, stoppingToken);
            using var timer = new PeriodicTimer(Interval, time);
            do
            {
                try
                {
                    var sent = await reminders.SendDueAsync(options.PublicBaseUrl, stoppingToken);
                    if (sent > 0)
                    {
                        LogSent(logger, sent);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be briefly unreachable: the next pass tries again.
                    LogFailed(logger, e.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 7020, Level = LogLevel.Information, Message = "Sent {Count} grant expiry reminders")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Warning, Message = "Grant expiry reminders failed this pass: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
