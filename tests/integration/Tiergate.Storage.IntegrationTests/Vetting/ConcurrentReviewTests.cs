using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Errors;
using Tiergate.Core.Keys;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Vetting;
using Tiergate.Testing.Notifications;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Vetting;

/// <summary>
/// Review decisions arriving at once, on both providers: one reviewer's replayed post counts once (never a grant from
/// one person), and two reviewers' approvals together make exactly one grant.
/// </summary>
public sealed class ConcurrentReviewTests
{
    private const string Actor = "cli:race";

    private const string Policy = """
        variants:
          - name: standard
            upstream: { base_url: "http://localhost:8000/v1", model: m }
        policies:
          - { id: aup, version: "1", permitted: [research], prohibited: [harm], threat_model: t, rationale: r }
        tiers:
          - { name: research, variants: [standard], policy: aup, identity: email, grant_days: 90, review: { approvals: 2 } }
        """;

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task ReviewAsync_OneReviewerApprovesEightTimesAtOnce_CountsOnceAndGrantsNothing(string provider)
    {
        await using var world = await RaceWorld.CreateAsync(provider, reviewers: 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => world.TryApproveAsync(world.Reviewers[0])));

        Assert.Equal(1, results.Count(r => r is null));
        Assert.All(results.Where(r => r is not null), r => Assert.Equal(VettingErrors.AlreadyReviewed, r));
        var (status, decisions, grants) = await world.StateAsync();
        Assert.Equal(((int)ApplicationStatus.Pending, 1, 0), (status, decisions, grants));
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task ReviewAsync_TwoReviewersApproveAtOnce_ApprovedWithExactlyOneGrant(string provider)
    {
        await using var world = await RaceWorld.CreateAsync(provider, reviewers: 2);

        var results = await Task.WhenAll(world.Reviewers.Select(world.TryApproveAsync));

        Assert.All(results, Assert.Null);
        var (status, decisions, grants) = await world.StateAsync();
        Assert.Equal(((int)ApplicationStatus.Approved, 2, 1), (status, decisions, grants));
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task SubmitAsync_EightSubmissionsAtOnce_OneStoredTheRestDuplicate(string provider)
    {
        await using var world = await RaceWorld.CreateAsync(provider, reviewers: 0, submit: false);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => world.TrySubmitAsync()));

        Assert.Equal(1, results.Count(r => r is null));
        Assert.All(results.Where(r => r is not null), r => Assert.Equal(VettingErrors.DuplicateApplication, r));
        Assert.Equal(1, await world.ApplicationCountAsync());
    }

    private sealed class RaceWorld : IAsyncDisposable
    {
        private readonly TestStore _store;
        private readonly AuditLog _audit;
        private readonly AccountServices _accounts;
        private readonly long _application;

        private RaceWorld(TestStore store, AuditLog audit, AccountServices accounts, long application, IReadOnlyList<string> reviewers)
        {
            _store = store;
            _audit = audit;
            _accounts = accounts;
            _application = application;
            Reviewers = reviewers;
        }

        public IReadOnlyList<string> Reviewers { get; }

        public static async Task<RaceWorld> CreateAsync(string provider, int reviewers, bool submit = true)
        {
            var store = await TestStore.CreateAsync(provider);
            var audit = new AuditLog(store.Database, AuditFixture.NewSigningKey(), TimeProvider.System);
            var accounts = AccountServices.Create(store.Database, PolicyLoader.Load(Policy).Policy!, new ApiKeyHasher(new byte[ApiKeyHasher.PepperLength]), audit, new RecordingUserNotifier(), TimeProvider.System);
            await accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, Actor);
            var names = new List<string>();
            for (var i = 0; i < reviewers; i++)
            {
                var email = $"rev{i}@example.org";
                await accounts.Users.AddAsync(email, null, null, IdentityLevel.Email, UserRole.Reviewer, Actor);
                names.Add(email);
            }

            var application = submit ? (await accounts.Applications.SubmitAsync(Request, Actor)).Id : 0;
            return new RaceWorld(store, audit, accounts, application, names);
        }

        private static ApplicationRequest Request => new("ada@example.org", "research", "Evaluating refusals.", null, [], [0]);

        /// <summary>Null when the submission was stored; the refusal's code otherwise.</summary>
        public async Task<ErrorCode?> TrySubmitAsync()
        {
            try
            {
                await _accounts.Applications.SubmitAsync(Request, Actor);
                return null;
            }
            catch (TiergateException e)
            {
                return e.Code;
            }
        }

        public async Task<int> ApplicationCountAsync()
        {
            await using var db = _store.Database.CreateContext();
            return await db.Set<ApplicationEntity>().CountAsync();
        }

        /// <summary>Null when the approval was taken; the refusal's code otherwise.</summary>
        public async Task<ErrorCode?> TryApproveAsync(string reviewer)
        {
            try
            {
                await _accounts.Applications.ReviewAsync(_application, reviewer, ReviewVerdict.Approve, "Looks right.", Actor);
                return null;
            }
            catch (TiergateException e)
            {
                return e.Code;
            }
        }

        public async Task<(int Status, int Decisions, int Grants)> StateAsync()
        {
            await using var db = _store.Database.CreateContext();
            var status = await db.Set<ApplicationEntity>().Where(a => a.Id == _application).Select(a => a.Status).SingleAsync();
            return (status, await db.Set<ApplicationDecisionEntity>().CountAsync(), await db.Grants.CountAsync());
        }

        public async ValueTask DisposeAsync()
        {
            await _audit.DisposeAsync();
            await _store.DisposeAsync();
        }
    }
}
