using Tiergate.Core.Notifications;

namespace Tiergate.Cli;

/// <summary>
/// Stand-in until the mail outbox is wired into the CLI: sends nothing. Operators see the outcome of each
/// verb on the terminal; applicants are not mailed about changes made from the CLI yet.
/// </summary>
internal sealed class SilentUserNotifier : IUserNotifier
{
    public Task SendAsync(UserMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
