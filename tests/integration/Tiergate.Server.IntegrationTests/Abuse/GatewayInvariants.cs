using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tiergate.Testing.Gateway;
using Xunit;

namespace Tiergate.Server.IntegrationTests.Abuse;

/// <summary>
/// What must hold for any request whatever its bytes: an answer within <see cref="NoHang"/>, never a 500,
/// every error in OpenAI's shape, and a planted hazard reaching neither the upstream nor the client.
/// </summary>
public static class GatewayInvariants
{
    /// <summary>The hazard planted in requests; the general tier blocks it (category bio).</summary>
    public const string Hazard = ScreeningGatewayTests.BioPrompt;

    public static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

    /// <summary>Sends <paramref name="body"/> and checks every invariant; returns the status and the answer for further checks.</summary>
    public static async Task<(HttpStatusCode Status, string Answer)> SendAndCheckAsync(AbuseFixture fixture, byte[] body, string describe, string path = "/v1/chat/completions")
    {
        var upstreamBefore = fixture.Host.Upstream.Requests.Count;
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        HttpResponseMessage response;
        try
        {
            response = await fixture.General.PostAsync(path, content);
        }
        catch (TaskCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No answer within {NoHang.TotalSeconds} s for {describe}");
        }

        using (response)
        {
            var answer = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status != 500, $"500 for {describe}: {answer}");
            if (!response.IsSuccessStatusCode)
            {
                AssertOpenAiShaped(answer, describe);
            }

            var forwarded = fixture.Host.Upstream.Requests.Skip(upstreamBefore).Select(r => r.Body.ToJsonString(Unescaped)).ToList();
            Assert.False(forwarded.Any(f => f.Contains(Hazard, StringComparison.Ordinal)), $"The hazard reached the upstream for {describe}");
            Assert.False(answer.Contains(Hazard, StringComparison.Ordinal), $"The hazard reached the client for {describe}");
            return (response.StatusCode, answer);
        }
    }

    public static Task<(HttpStatusCode Status, string Answer)> SendAndCheckAsync(AbuseFixture fixture, string body, string describe, string path = "/v1/chat/completions") =>
        SendAndCheckAsync(fixture, Encoding.UTF8.GetBytes(body), describe, path);

    /// <summary><c>{"error":{"message","type","code","param"}}</c>, with strings where OpenAI's SDKs expect them.</summary>
    public static void AssertOpenAiShaped(string answer, string describe)
    {
        JsonNode? error;
        try
        {
            error = JsonNode.Parse(answer)?["error"];
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"Error answer is not JSON for {describe}: {answer}");
        }

        Assert.True(error is JsonObject, $"No error object for {describe}: {answer}");
        Assert.True(error!["message"] is JsonValue m && m.GetValueKind() == JsonValueKind.String, $"error.message for {describe}: {answer}");
        Assert.True(error["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String, $"error.type for {describe}: {answer}");
        Assert.True(error["code"] is JsonValue c && c.GetValueKind() == JsonValueKind.String, $"error.code for {describe}: {answer}");
        Assert.True(((JsonObject)error).ContainsKey("param"), $"error.param for {describe}: {answer}");
    }

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
