using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tiergate.Server.Policies;

/// <summary>
/// Keeps the running policy current: checks the newest stored version every <see cref="PolicySourceOptions.PollInterval"/>
/// (so a <c>tiergate policy apply</c> reaches every instance within seconds) and reloads at once on SIGHUP.
/// A failed check (database down) is logged and retried; the running policy stays.
/// </summary>
public sealed class PolicyWatcher(PolicyReloader reloader, PolicyHolder holder, PolicySourceOptions source, ILogger<PolicyWatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _hangup = new(0, 1);
    private PosixSignalRegistration? _signal;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Registered before the server listens: from then on SIGHUP reloads instead of ending the process.
        if (!OperatingSystem.IsWindows())
        {
            _signal = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                if (_hangup.CurrentCount == 0)
                {
                    try
                    {
                        _hangup.Release();
                    }
                    catch (SemaphoreFullException)
                    {
                        // Two signals at once: one reload reads the newest file anyway.
                    }
                }
            });
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _signal?.Dispose();
        _hangup.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool signalled;
            try
            {
                signalled = await _hangup.WaitAsync(source.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                if (signalled)
                {
                    await reloader.ReloadAsync(stoppingToken);
                }
                else
                {
                    await reloader.CheckStoreAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException
                or Microsoft.EntityFrameworkCore.DbUpdateException or Tiergate.Core.Audit.AuditUnavailableException)
            {
                PolicyReloadLog.CheckFailed(logger, e.GetType().Name, holder.Current.Hash ?? "none");
            }
        }
    }
}
