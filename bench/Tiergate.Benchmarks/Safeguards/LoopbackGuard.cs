using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tiergate.Benchmarks.Safeguards;

/// <summary>
/// A guard model server on loopback that answers every Llama Guard chat call at once with <c>safe</c>:
/// what the guard stage costs on Tiergate's side (HTTP, JSON, hashing, the cache), without a model's time.
/// </summary>
internal sealed class LoopbackGuard : IDisposable
{
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes("""{"id":"g","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"safe"},"finish_reason":"stop"}]}""");
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public LoopbackGuard()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/v1");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = Answer.Length;
                await context.Response.OutputStream.WriteAsync(Answer);
                context.Response.Close();
            });
        }
    }
}
