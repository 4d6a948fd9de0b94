using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Tiergate.BrowserTests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer library) that keeps every message it receives. A copy of the
/// console integration tests' LocalSmtp (test projects do not reference each other); move both to Tiergate.Testing
/// if a third project needs it.
/// </summary>
public sealed class LocalSmtp : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Inbox _inbox = new();

    private LocalSmtp(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_inbox);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public static LocalSmtp Start() => new(FreePort());

    /// <summary>The first message to <paramref name="to"/> whose subject contains <paramref name="subject"/>, waiting up to 15 s.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, string subject)
    {
        for (var waited = 0; waited < 150; waited++)
        {
            var found = Received(to).FirstOrDefault(m => (m.Subject ?? "").Contains(subject, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No mail '{subject}' to {to} arrived.");
    }

    public IReadOnlyList<MimeMessage> Received(string to) =>
        _inbox.Messages.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>The link in a message's text that starts with <paramref name="path"/> (<c>/verify</c>), as path and query.</summary>
    public static string LinkIn(MimeMessage message, string path)
    {
        var text = message.TextBody ?? "";
        var word = text.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .First(w => Uri.TryCreate(w, UriKind.Absolute, out var u) && u.AbsolutePath == path);
        return new Uri(word).PathAndQuery;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Inbox : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
