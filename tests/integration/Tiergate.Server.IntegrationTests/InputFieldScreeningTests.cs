using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests;

/// <summary>
/// Blocked text in any field the model reads, through the real gateway: one row per field, each a
/// content_blocked answer with the upstream never sent the text; the same field with harmless text
/// reaches the upstream, so each row shows a body the gateway forwards.
/// </summary>
public sealed class InputFieldScreeningTests(InputFieldHost fixture) : IClassFixture<InputFieldHost>
{
    private const string Harmless = "a question about the weather in spring";

    [Theory]
    [MemberData(nameof(TextFields.Names), MemberType = typeof(TextFields))]
    [MemberData(nameof(TextFields.Extensions), MemberType = typeof(TextFields))]
    public async Task ChatCompletions_BlockedTextInField_ContentBlockedAndUpstreamNeverReceivesIt(string field)
    {
        var sentBefore = fixture.Host.Upstream.Requests.Count;

        using var response = await PostAsync(TextFields.Body(field, ScreeningGatewayTests.BioPrompt));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("content_blocked", (string?)error["code"]);
        Assert.Equal("input", (string?)error["direction"]);
        // Rows run one at a time; only this row's requests are read, so one leak fails one row.
        Assert.DoesNotContain(fixture.Host.Upstream.Requests.Skip(sentBefore), r => r.Body.ToJsonString().Contains("anthrax", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(sentBefore, fixture.Host.Upstream.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(TextFields.Names), MemberType = typeof(TextFields))]
    [MemberData(nameof(TextFields.Extensions), MemberType = typeof(TextFields))]
    public async Task ChatCompletions_HarmlessTextInField_ForwardedWithTheField(string field)
    {
        var text = $"{Harmless} {Guid.NewGuid():N}";

        using var response = await PostAsync(TextFields.Body(field, text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(fixture.Host.Upstream.Requests, r => r.Body.ToJsonString().Contains(text, StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> PostAsync(string body) =>
        fixture.Client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
}
