namespace Tiergate.Core.Notifications;

/// <summary>
/// Tells a person that something about their account changed. The one implementation sends mail
/// through SMTP, or writes it to the outbox directory when no server is configured.
/// </summary>
public interface IUserNotifier
{
    Task SendAsync(UserMessage message, CancellationToken cancellationToken = default);
}
