using System.Collections.Concurrent;
using Tiergate.Core.Notifications;

namespace Tiergate.Testing.Notifications;

/// <summary>Keeps every message sent, in order, for tests to read.</summary>
public sealed class RecordingUserNotifier : IUserNotifier
{
    private readonly ConcurrentQueue<UserMessage> _messages = new();

    public IReadOnlyList<UserMessage> Messages => [.. _messages];

    public Task SendAsync(UserMessage message, CancellationToken cancellationToken = default)
    {
        _messages.Enqueue(message);
        return Task.CompletedTask;
    }
}
