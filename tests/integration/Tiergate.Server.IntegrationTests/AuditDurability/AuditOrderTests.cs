using System.Net;
using Tiergate.Core.Audit;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests.AuditDurability;

/// <summary>
/// <c>audit.order</c> on the real gateway: with <c>before_response</c> the model works while the admission record
/// commits and the caller gets nothing before it is durable, and a record that fails cancels the model's call; with
/// <c>before_upstream</c> the model is not called before the record is durable. Streamed and not.
/// </summary>
public sealed class AuditOrderTests
{
    public static TheoryData<string, bool> Cases => new()
    {
        { TestStore.Sqlite, false },
        { TestStore.Sqlite, true },
        { TestStore.Postgres, false },
        { TestStore.Postgres, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BeforeResponse_RecordNotYetDurable_UpstreamAnswersButCallerGetsNothingUntilItIs(string backend, bool stream)
    {
        await using var host = await AuditHosts.StartAsync(backend, AuditHosts.BeforeResponse, sp => new HeldAuditLog(AuditHosts.Real(sp)));
        var held = (HeldAuditLog)host.Service<IAuditLog>();
        using var client = await AuditHosts.ResearcherAsync(host);

        var sending = client.SendAsync(AuditHosts.Post(stream), HttpCompletionOption.ResponseHeadersRead);
        await AuditHosts.UntilAsync(() => host.Upstream.AnsweredRequests == 1, "the upstream's whole answer");
        await Task.Delay(300); // far longer than the gateway needs to pass an answer on

        Assert.False(sending.IsCompleted, "the caller got a response before the admission record was durable");
        Assert.Equal(1, held.Waiting);
        Assert.Equal(0, await AuditHosts.AdmissionRecordsAsync(host));

        held.Release();
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(AuditHosts.AnswerWord, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await AuditHosts.AdmissionRecordsAsync(host));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BeforeResponse_RecordFailsWhileUpstreamAnswers_UpstreamCancelledAndCallerGets503Only(string backend, bool stream)
    {
        await using var host = await AuditHosts.StartAsync(backend, AuditHosts.BeforeResponse, sp => new HeldAuditLog(AuditHosts.ReadOnly(sp)));
        var held = (HeldAuditLog)host.Service<IAuditLog>();
        using var client = await AuditHosts.ResearcherAsync(host);

        // Streamed: the upstream has sent its headers and first chunk and keeps the stream open; whole: it has not answered yet.
        if (stream)
        {
            host.Upstream.HoldStreamAfterFirstChunk = new TaskCompletionSource();
        }
        else
        {
            host.Upstream.DelayBeforeHeaders = TimeSpan.FromMinutes(2);
        }

        var sending = client.SendAsync(AuditHosts.Post(stream), HttpCompletionOption.ResponseHeadersRead);
        if (stream)
        {
            await host.Upstream.StreamHeld.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        else
        {
            await AuditHosts.UntilAsync(() => !host.Upstream.Requests.IsEmpty, "the upstream call");
        }

        await Task.Delay(200);
        Assert.False(sending.IsCompleted, "the caller got a response before the admission record was durable");

        held.Release();
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        // At once, not after the 2 s an HTTP client gives an unread answer to drain so it can reuse the connection.
        await AuditHosts.UntilAsync(() => host.Upstream.CancelledRequests == 1, "the upstream to see its call aborted", TimeSpan.FromSeconds(1.5));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("audit_unavailable", await Chat.ErrorCodeAsync(response));
        Assert.DoesNotContain(AuditHosts.AnswerWord, body, StringComparison.Ordinal);
        Assert.DoesNotContain("chat.completion", body, StringComparison.Ordinal);
        Assert.Equal(0, host.Upstream.AnsweredRequests);
        Assert.Equal(0, await AuditHosts.AdmissionRecordsAsync(host));
        await AuditHosts.AssertRefusedUnrecordedAsync(host);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BeforeUpstream_RecordNotYetDurable_UpstreamNotCalledUntilItIs(string backend, bool stream)
    {
        await using var host = await AuditHosts.StartAsync(backend, AuditHosts.BeforeUpstream, sp => new HeldAuditLog(AuditHosts.Real(sp)));
        var held = (HeldAuditLog)host.Service<IAuditLog>();
        using var client = await AuditHosts.ResearcherAsync(host);

        var sending = client.SendAsync(AuditHosts.Post(stream), HttpCompletionOption.ResponseHeadersRead);
        await AuditHosts.UntilAsync(() => held.Waiting == 1, "the admission record's append");
        await Task.Delay(300);

        Assert.True(host.Upstream.Requests.IsEmpty, "the upstream was called before the admission record was durable");
        Assert.False(sending.IsCompleted);

        held.Release();
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(AuditHosts.AnswerWord, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(host.Upstream.Requests);
        Assert.Equal(1, await AuditHosts.AdmissionRecordsAsync(host));
    }
}
