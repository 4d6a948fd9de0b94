using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tiergate.Core.Audit;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests.AuditDurability;

/// <summary>
/// The audit fault tests (a read-only database, a full disk: see the storage tests <c>AuditFailClosedTests</c> and
/// <c>AuditDiskFullTests</c>) through the gateway, under both audit orders, streamed and not: the caller gets 503
/// <c>audit_unavailable</c> and nothing of the model's answer; with <c>before_upstream</c> the model is not called.
/// </summary>
public sealed class AuditFaultGatewayTests
{
    public static TheoryData<string, string, bool> ReadOnlyCases
    {
        get
        {
            var cases = new TheoryData<string, string, bool>();
            foreach (var backend in new[] { TestStore.Sqlite, TestStore.Postgres })
            {
                foreach (var order in new[] { AuditHosts.BeforeResponse, AuditHosts.BeforeUpstream })
                {
                    cases.Add(backend, order, false);
                    cases.Add(backend, order, true);
                }
            }

            return cases;
        }
    }

    public static TheoryData<string, bool> OrderCases => new()
    {
        { AuditHosts.BeforeResponse, false },
        { AuditHosts.BeforeResponse, true },
        { AuditHosts.BeforeUpstream, false },
        { AuditHosts.BeforeUpstream, true },
    };

    [Theory]
    [MemberData(nameof(ReadOnlyCases))]
    public async Task Chat_AuditDatabaseReadOnly_503WithNoModelOutput(string backend, string order, bool stream)
    {
        await using var host = await AuditHosts.StartAsync(backend, order, AuditHosts.ReadOnly);

        await AssertRefusedAsync(host, order, stream);
        Assert.Equal(0, await AuditHosts.AdmissionRecordsAsync(host));
    }

    [SmallFilesystemTheory]
    [MemberData(nameof(OrderCases))]
    public async Task Chat_AuditDiskFull_503WithNoModelOutput(string order, bool stream)
    {
        var full = await AuditFaults.FullDiskAsync();
        Assert.NotNull(full);
        using var disk = full.Value.Disk;
        await using (var host = await AuditHosts.StartAsync(
            TestStore.Sqlite, order, sp => new AuditLog(full.Value.Database, sp.GetRequiredService<AuditSigningKey>(), TimeProvider.System)))
        {
            await AssertRefusedAsync(host, order, stream);
        }
    }

    private static async Task AssertRefusedAsync(GatewayHost host, string order, bool stream)
    {
        using var client = await AuditHosts.ResearcherAsync(host);

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("reduced-refusal", stream));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("audit_unavailable", await Chat.ErrorCodeAsync(response));
        Assert.DoesNotContain(AuditHosts.AnswerWord, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        if (order == AuditHosts.BeforeUpstream)
        {
            Assert.True(host.Upstream.Requests.IsEmpty, "before_upstream called the model without a durable record");
        }

        await AuditHosts.AssertRefusedUnrecordedAsync(host);
    }
}
