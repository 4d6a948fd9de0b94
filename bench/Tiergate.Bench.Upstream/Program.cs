// A fixed-answer OpenAI-compatible upstream for load tests: the cheapest possible model server,
// so that what the benchmark measures is the proxy in front of it.
using System.Text;

var port = args.Length > 0 ? args[0] : "9101";
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.ClearProviders();
var app = builder.Build();

var completion = Encoding.UTF8.GetBytes(
    """{"id":"chatcmpl-bench","object":"chat.completion","created":1,"model":"bench","choices":[{"index":0,"message":{"role":"assistant","content":"Benchmark answer."},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""");

app.MapPost("/v1/chat/completions", async (HttpContext context) =>
{
    // Drain the body like a real server would.
    await context.Request.Body.CopyToAsync(Stream.Null);
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = completion.Length;
    await context.Response.Body.WriteAsync(completion);
});

app.Run();
