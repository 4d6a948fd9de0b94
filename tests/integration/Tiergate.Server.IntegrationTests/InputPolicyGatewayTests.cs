using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests;

/// <summary>
/// What a variant takes besides OpenAI's text parameters, through the real gateway: vendor extensions only
/// when <c>upstream.pass_through</c> lists them, and image, audio and file parts only when <c>modalities</c> does.
/// </summary>
public sealed class InputPolicyGatewayTests
{
    private const string ImagePart = """{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}""";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_VendorExtensionNotPassedThrough_UnsupportedParameterNamingItAndAudited(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await PostAsync(client, TextFields.Body("chat_template_kwargs", "enable thinking"));
        var error = await ErrorAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_parameter", (string?)error["code"]);
        Assert.Equal("chat_template_kwargs", (string?)error["param"]);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Empty(host.Upstream.Requests);
        Assert.Contains(await AuditAsync(host), r => r.Action == "gateway.deny" && r.Outcome == "unsupported_parameter");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_PassedThroughExtension_ForwardedAsSentAndStillScreened(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend, yaml => InputFieldHost.WithStandard(yaml, passThrough: "[chat_template_kwargs]"));
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var allowed = await PostAsync(client, TextFields.Body("chat_template_kwargs", "be brief"));
        using var blocked = await PostAsync(client, TextFields.Body("chat_template_kwargs", ScreeningGatewayTests.BioPrompt));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var sent = Assert.Single(host.Upstream.Requests).Body;
        Assert.Equal("be brief", (string?)sent["chat_template_kwargs"]!["system_note"]);
        Assert.Equal(HttpStatusCode.BadRequest, blocked.StatusCode);
        Assert.Equal("content_blocked", (string?)(await ErrorAsync(blocked))["code"]);
        Assert.Single(host.Upstream.Requests);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_ImagePartOnTextOnlyVariant_ModalityNotAllowedNamingThePart(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await PostAsync(client, WithParts($$"""{"type":"text","text":"what is this"},{{ImagePart}}"""));
        var error = await ErrorAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("modality_not_allowed", (string?)error["code"]);
        Assert.Equal("messages[0].content[1]", (string?)error["param"]);
        Assert.Empty(host.Upstream.Requests);
        Assert.Contains(await AuditAsync(host), r => r.Action == "gateway.deny" && r.Outcome == "modality_not_allowed");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_ImagePartsOnImageVariant_ForwardedTextScreenedAndUnscreenedPartsAudited(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend, yaml => InputFieldHost.WithStandard(yaml, "modalities: [text, image]"));
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var allowed = await PostAsync(client, WithParts($$"""{"type":"text","text":"what is this"},{{ImagePart}},{{ImagePart}}"""));
        using var blocked = await PostAsync(client, WithParts($$"""{"type":"text","text":"{{ScreeningGatewayTests.BioPrompt}}"},{{ImagePart}}"""));
        using var audio = await PostAsync(client, WithParts("""{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}"""));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var sent = Assert.Single(host.Upstream.Requests).Body;
        Assert.Equal("image_url", (string?)sent["messages"]![0]!["content"]![2]!["type"]);
        var admitted = Assert.Single(await AuditAsync(host), r => r.Action == "gateway.request");
        Assert.Equal("image=2", (string?)JsonNode.Parse(admitted.Details!)!["unscreened"]);
        Assert.Equal("content_blocked", (string?)(await ErrorAsync(blocked))["code"]);
        Assert.Equal("modality_not_allowed", (string?)(await ErrorAsync(audio))["code"]); // image declared, audio not
        Assert.Single(host.Upstream.Requests);
    }

    [Theory]
    [InlineData("\"temperature\":\"hot\"", "invalid_request", "temperature")]
    [InlineData("\"tools\":{\"type\":\"function\"}", "invalid_request", "tools")]
    [InlineData("\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"reasoning_content\":\"x\"}]", "unsupported_parameter", "messages[0].reasoning_content")]
    [InlineData("\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video_url\",\"video_url\":{}}]}]", "unsupported_parameter", "messages[0].content[0].type")]
    public async Task ChatCompletions_ParameterOfTheWrongKindOrOutsideTheApi_400NamingIt(string field, string code, string param)
    {
        await using var host = await GatewayHost.StartAsync(Tiergate.Testing.Storage.TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        var body = field.StartsWith("\"messages\"", StringComparison.Ordinal)
            ? "{\"model\":\"standard\"," + field + "}"
            : "{\"model\":\"standard\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + field + "}";

        using var response = await PostAsync(client, body);
        var error = await ErrorAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (string?)error["code"]);
        Assert.Equal(param, (string?)error["param"]);
        Assert.Empty(host.Upstream.Requests);
    }

    private static string WithParts(string parts) => """{"model":"standard","messages":[{"role":"user","content":[""" + parts + "]}]}";

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body) =>
        client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonNode> ErrorAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

    private static async Task<List<AuditRecordEntity>> AuditAsync(GatewayHost host)
    {
        await using var db = host.Store.Database.CreateContext();
        return await db.Set<AuditRecordEntity>().AsNoTracking().ToListAsync();
    }
}
