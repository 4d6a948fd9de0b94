using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tiergate.Server.Sample;

/// <summary>
/// An in-process OpenAI-compatible chat completions endpoint, plugged in as the HTTP handler of
/// variants whose upstream is <c>builtin:sample</c>: the proxy pipeline runs unchanged, without a socket.
/// </summary>
public sealed class SampleModelHandler(TimeProvider time) : HttpMessageHandler
{
    public const string OwnedBy = "tiergate-sample-model";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post || request.RequestUri?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) != true)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = Json(new JsonObject { ["error"] = new JsonObject { ["message"] = "not found" } }) };
        }

        var body = JsonNode.Parse(await request.Content!.ReadAsByteArrayAsync(cancellationToken)) as JsonObject ?? [];
        var model = (string?)body["model"] ?? "sample";
        var messages = body["messages"] as JsonArray;
        var maxTokens = (int?)body["max_tokens"] ?? (int?)body["max_completion_tokens"] ?? 256;
        var words = SampleAnswer.Words(model, messages, maxTokens);
        var finish = words.Count >= maxTokens ? "length" : "stop";
        var usage = new JsonObject
        {
            ["prompt_tokens"] = SampleAnswer.PromptTokens(messages),
            ["completion_tokens"] = words.Count,
            ["total_tokens"] = SampleAnswer.PromptTokens(messages) + words.Count,
        };
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var id = $"chatcmpl-sample-{created}";

        if ((bool?)body["stream"] == true)
        {
            var includeUsage = (bool?)body["stream_options"]?["include_usage"] == true;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new SampleStreamContent(id, model, created, words, finish, includeUsage ? usage : null) };
        }

        var completion = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = created,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Concat(words) },
                ["finish_reason"] = finish,
            }),
            ["usage"] = usage,
        };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = Json(completion) };
    }

    private static ByteArrayContent Json(JsonNode node)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(node));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private sealed class SampleStreamContent(string id, string model, long created, IReadOnlyList<string> words, string finish, JsonObject? usage) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            await SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await WriteAsync(stream, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null), cancellationToken);
            foreach (var word in words)
            {
                await WriteAsync(stream, Chunk(new JsonObject { ["content"] = word }, null), cancellationToken);
            }

            await WriteAsync(stream, Chunk([], finish), cancellationToken);
            if (usage is not null)
            {
                var last = Envelope();
                last["choices"] = new JsonArray();
                last["usage"] = usage.DeepClone();
                await WriteAsync(stream, last.ToJsonString(), cancellationToken);
            }

            await WriteAsync(stream, "[DONE]", cancellationToken);
        }

        // HttpContent buffers by default; a pipe lets the proxy read chunks as they are written.
        protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
        {
            var pipe = new System.IO.Pipelines.Pipe();
            _ = Task.Run(async () =>
            {
                var writer = pipe.Writer.AsStream();
                try
                {
                    await SerializeToStreamAsync(writer, null, cancellationToken);
                    await pipe.Writer.CompleteAsync();
                }
                catch (Exception e)
                {
                    await pipe.Writer.CompleteAsync(e);
                }
            }, CancellationToken.None);
            return Task.FromResult(pipe.Reader.AsStream());
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        private string Chunk(JsonObject delta, string? finishReason)
        {
            var chunk = Envelope();
            chunk["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason });
            return chunk.ToJsonString();
        }

        private JsonObject Envelope() => new()
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = created,
            ["model"] = model,
        };

        private static async Task WriteAsync(Stream stream, string data, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes($"data: {data}\n\n"), cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
    }
}
