using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests;

/// <summary>
/// Requests malformed at the HTTP level, written byte by byte as an attacker would. Kestrel refuses
/// some before any application code runs (no body can be shaped there: docs/api.md lists their status
/// codes); those it lets through to the body read are answered in OpenAI's shape. Never a 500.
/// </summary>
public sealed class KestrelRejectionTests
{
    [Theory]
    [InlineData("Content-Length: abc\r\n", 400)]
    [InlineData("Content-Length: 5\r\nContent-Length: 7\r\n", 400)]
    [InlineData("X-Nul: a\0b\r\n", 400)]
    [InlineData("X-Big: {big}\r\n", 431)]
    [InlineData("{many}", 431)]
    public async Task RefusedBeforeTheApplication_StatusAsDocumented(string headers, int status)
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        headers = headers.Replace("{big}", new string('a', 40_000), StringComparison.Ordinal)
            .Replace("{many}", string.Concat(Enumerable.Range(0, 120).Select(i => $"X-H{i}: v\r\n")), StringComparison.Ordinal);

        var (answered, _) = await SendRawAsync(host, $"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n{headers}\r\n");

        Assert.Equal(status, answered);
        Assert.Empty(host.Upstream.Requests);
    }

    [Fact]
    public async Task RequestLineOver8KB_Is414()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);

        var (answered, _) = await SendRawAsync(host, $"POST /v1/chat/completions?{new string('a', 9000)} HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.Equal(414, answered);
    }

    [Fact]
    public async Task MalformedChunkedBody_IsAnOpenAiShaped400()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        var key = await host.GoodKeyAsync(await host.UserWithTiersAsync("general"));

        var (status, body) = await SendRawAsync(host, $"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n");

        Assert.True(400 == status, body);
        Assert.Equal("invalid_request", (string?)JsonNode.Parse(body)!["error"]!["code"]);
        Assert.Empty(host.Upstream.Requests);
    }

    [Fact]
    public async Task BodyShorterThanContentLength_ClientGone_ServerStillAnswersOthers()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        var key = await host.GoodKeyAsync(await host.UserWithTiersAsync("general"));
        using (var socket = await ConnectAsync(host))
        {
            var stream = socket.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\nContent-Length: 1000\r\n\r\n{{\"model\""));
            socket.Client.Shutdown(SocketShutdown.Send);
            var buffer = new byte[4096];
            try
            {
                _ = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (IOException)
            {
                // Closed or reset: either way the server gave up on the truncated request.
            }
        }

        using var after = await Chat.PostAsync(host.Client(key), "standard");

        Assert.Equal(System.Net.HttpStatusCode.OK, after.StatusCode);
        Assert.Single(host.Upstream.Requests);
    }

    private static async Task<TcpClient> ConnectAsync(GatewayHost host)
    {
        var uri = new Uri(host.BaseUrl);
        var socket = new TcpClient();
        await socket.ConnectAsync(uri.Host, uri.Port);
        return socket;
    }

    /// <summary>Writes <paramref name="request"/> and reads the whole answer; returns its status and body.</summary>
    private static async Task<(int Status, string Body)> SendRawAsync(GatewayHost host, string request)
    {
        using var socket = await ConnectAsync(host);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var read = new MemoryStream();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            int n;
            try
            {
                n = await stream.ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                break;
            }

            if (n == 0)
            {
                break;
            }

            read.Write(buffer, 0, n);
            if (CompleteResponse(read.ToArray()))
            {
                break;
            }
        }

        var text = Encoding.UTF8.GetString(read.ToArray());
        var status = int.Parse(text.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headerEnd < 0)
        {
            return (status, "");
        }

        var body = text[(headerEnd + 4)..];
        return (status, text[..headerEnd].Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(body) : body);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..lineEnd], 16);
            if (size == 0)
            {
                break;
            }

            body.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }

        return body.ToString();
    }

    private static bool CompleteResponse(byte[] answer)
    {
        var text = Encoding.UTF8.GetString(answer);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headerEnd < 0)
        {
            return false;
        }

        var lengthLine = text[..headerEnd].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (text[..headerEnd].Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return text.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
        }

        return lengthLine is not null && text.Length - headerEnd - 4 >= int.Parse(lengthLine[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
