using System.Diagnostics;

namespace Tiergate.Bench.Identity.Timing;

/// <summary>
/// Counts the SQL commands EF Core executes (its <c>CommandExecuted</c> diagnostic event), to show how many round
/// trips an operation costs. Listening has a price of its own, so it is on only during the warm-up rounds.
/// </summary>
internal sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string CommandExecuted = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";
    private readonly List<IDisposable> _subscriptions = [];
    private long _count;

    private CommandCounter()
    {
    }

    public long Count => Interlocked.Read(ref _count);

    public static CommandCounter Start()
    {
        var counter = new CommandCounter();
        counter._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(counter));
        return counter;
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this, name => name == CommandExecuted));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == CommandExecuted)
        {
            Interlocked.Increment(ref _count);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }

            _subscriptions.Clear();
        }
    }
}
