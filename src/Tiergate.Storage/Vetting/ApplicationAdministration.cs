using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Core.Notifications;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Entities;
using Tiergate.Storage.Identity;

namespace Tiergate.Storage.Vetting;

/// <summary>Applications and their review on the Tiergate database.</summary>
public sealed class ApplicationAdministration(TiergateDatabase database, PolicyDocument policy, IAuditLog audit, IUserNotifier notifier, TimeProvider time) : IApplicationAdministration
{
    /// <summary>An account younger than this is flagged to reviewers.</summary>
    public static readonly TimeSpan NewAccountAge = TimeSpan.FromDays(7);

    /// <summary>A grant this close to expiry may be renewed by a new application.</summary>
    public static readonly TimeSpan RenewalWindow = TimeSpan.FromDays(14);

    private readonly AccountDirectory _directory = new(database);

    public async Task<ApplicationView> SubmitAsync(ApplicationRequest request, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = database.CreateContext();
        var user = await _directory.FindUserAsync(db, request.Email, cancellationToken);
        if (!policy.TiersByName.TryGetValue(request.Tier, out var tier))
        {
            throw new TiergateException(GrantErrors.UnknownTier, $"The policy has no tier '{request.Tier}' (tiers: {string.Join(", ", policy.Tiers.Select(t => t.Name))}).");
        }

        var aup = policy.PoliciesById[tier.Policy];
        var problem = VettingText.Check("The use case", request.UseCase, VettingText.MaxUseCaseLength, required: true)
            ?? VettingText.Check("The affiliation", request.Affiliation, VettingText.MaxAffiliationLength, required: false)
            ?? VettingText.CheckLinks(request.Links)
            ?? (request.PermittedUses.Any(i => i < 0 || i >= aup.Permitted.Count) ? $"A permitted use index is out of range (the policy lists {aup.Permitted.Count})." : null);
        if (problem is not null)
        {
            await DenyAsync(actor, ErrorCodes.InvalidArgument, problem, "application.submit", $"user:{user.Id}", tier.Name, cancellationToken);
        }

        if (ReviewRules.CheckIdentity(IdentityVerifications.StandingOf(user).LevelAt(time.GetUtcNow()), tier) is { } low)
        {
            await DenyAsync(actor, VettingErrors.ApplicationIdentityInsufficient, low, "application.submit", $"user:{user.Id}", tier.Name, cancellationToken);
        }

        // Checked and inserted under a per-user lock: two submissions at once (a double click, a replayed post)
        // must not both pass the duplicate check.
        var now = time.GetUtcNow();
        string? duplicate = null;
        var application = new ApplicationEntity
        {
            UserId = user.Id,
            Tier = tier.Name,
            PermittedUses = string.Join(',', request.PermittedUses.Distinct().Order().Select(i => i.ToString(CultureInfo.InvariantCulture))),
            UseCase = request.UseCase,
            Affiliation = string.IsNullOrWhiteSpace(request.Affiliation) ? null : request.Affiliation,
            Links = string.Join('\n', request.Links),
            PolicyId = aup.Id,
            PolicyVersion = aup.Version,
            AcceptedAt = now,
            Status = (int)ApplicationStatus.Pending,
            Round = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using (var transaction = await LockedTransaction.BeginAsync(db, SubmitLockKey, user.Id, cancellationToken))
        {
            var open = await db.Set<ApplicationEntity>().AnyAsync(a => a.UserId == user.Id && a.Tier == tier.Name && (a.Status == (int)ApplicationStatus.Pending || a.Status == (int)ApplicationStatus.NeedsInfo), cancellationToken);
            var grants = await db.Grants.AsNoTracking().Where(g => g.UserId == user.Id && g.Tier == tier.Name && g.RevokedAt == null).ToListAsync(cancellationToken);
            if (open || grants.Any(g => g.ExpiresAt is null || g.ExpiresAt > now + RenewalWindow))
            {
                duplicate = open
                    ? $"{user.Email} already has an open application for '{tier.Name}'."
                    : $"{user.Email} already holds '{tier.Name}' beyond the renewal window ({RenewalWindow.TotalDays:0} days before expiry).";
            }
            else
            {
                db.Add(application);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        if (duplicate is not null)
        {
            await DenyAsync(actor, VettingErrors.DuplicateApplication, duplicate, "application.submit", $"user:{user.Id}", tier.Name, cancellationToken);
        }

        await audit.AppendAsync(new AuditEvent("application.submit", actor, $"application:{application.Id}", "ok", new Dictionary<string, string>
        {
            ["user"] = $"user:{user.Id}",
            ["tier"] = tier.Name,
            ["policy"] = $"{aup.Id}@{aup.Version}",
        }), cancellationToken);
        await notifier.SendAsync(ApplicationNotices.For(user.Email, application.Id, tier.Name, ApplicationStatus.Pending, null), cancellationToken);
        return await ViewAsync(db, application, user, cancellationToken);
    }

    public async Task<IReadOnlyList<ApplicationView>> ListAsync(ApplicationStatus? status, string? email, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var query = db.Set<ApplicationEntity>().AsNoTracking();
        long? userId = null;
        if (email is not null)
        {
            userId = (await _directory.FindUserAsync(db, email, cancellationToken)).Id;
            query = query.Where(a => a.UserId == userId);
        }

        if (status is { } s)
        {
            query = query.Where(a => a.Status == (int)s);
        }

        var applications = await query.OrderByDescending(a => a.Id).Take(500).ToListAsync(cancellationToken);
        var views = new List<ApplicationView>(applications.Count);
        foreach (var application in applications)
        {
            var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == application.UserId, cancellationToken);
            views.Add(await ViewAsync(db, application, user, cancellationToken));
        }

        await audit.AppendAsync(new AuditEvent("application.list", actor, userId is { } id ? $"user:{id}" : null, "ok", new Dictionary<string, string>
        {
            ["status"] = status is { } st ? VettingNames.Of(st) : "any",
            ["count"] = views.Count.ToString(CultureInfo.InvariantCulture),
        }), cancellationToken);
        return views;
    }

    public async Task<ApplicationView> ReviewAsync(long id, string reviewerEmail, ReviewVerdict verdict, string? reason, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var application = await FindAsync(db, id, cancellationToken);
        var reviewer = await _directory.FindUserAsync(db, reviewerEmail, cancellationToken);
        var tier = policy.TiersByName.TryGetValue(application.Tier, out var t)
            ? t
            : throw new TiergateException(GrantErrors.UnknownTier, $"The policy no longer has tier '{application.Tier}'.");
        // Decided under a per-application write lock, re-reading the application and its decisions: two decisions
        // at once (two reviewers, or one reviewer's replayed post) must neither both count nor lose the grant.
        var now = time.GetUtcNow();
        ApplicationFacts facts;
        ReviewOutcome outcome;
        await using (var transaction = await LockedTransaction.BeginAsync(db, ReviewLockKey, id, cancellationToken))
        {
            await db.Entry(application).ReloadAsync(cancellationToken);
            var decisions = await db.Set<ApplicationDecisionEntity>().AsNoTracking().Where(d => d.ApplicationId == id).ToListAsync(cancellationToken);
            facts = new ApplicationFacts(application.UserId, (ApplicationStatus)application.Status, application.Round,
                decisions.Select(d => new DecisionFacts(d.ReviewerId, (ReviewVerdict)d.Verdict, d.Round)).ToList());
            outcome = ReviewRules.Decide(facts, reviewer.Id, (UserRole)reviewer.Role, verdict, reason, tier.Review);
            if (outcome.Refusal is null)
            {
                db.Add(new ApplicationDecisionEntity { ApplicationId = id, ReviewerId = reviewer.Id, Verdict = (int)verdict, Round = application.Round, Reason = reason!, At = now });
                application.Status = (int)outcome.Status;
                application.UpdatedAt = now;
                if (outcome.Approved)
                {
                    var grant = NewGrant.For(application.UserId, tier, null, $"application:{id}", now);
                    db.Grants.Add(grant);
                    await db.SaveChangesAsync(cancellationToken);
                    application.GrantId = grant.Id;
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        // Refusals are audited after the lock is released (on SQLite the audit log needs the write lock).
        if (outcome is { Refusal: { } code, Message: { } message })
        {
            await DenyAsync(actor, code, message, "application.review", $"application:{id}", tier.Name, cancellationToken, ("reviewer", $"user:{reviewer.Id}"));
        }

        // After the commit: on SQLite the audit log needs the write lock the transaction held.
        await audit.AppendAsync(new AuditEvent("application.review", actor, $"application:{id}", "ok", new Dictionary<string, string>
        {
            ["reviewer"] = $"user:{reviewer.Id}",
            ["verdict"] = VettingNames.Of(verdict),
            ["status"] = VettingNames.Of(outcome.Status),
            ["approvals"] = outcome.Approvals.ToString(CultureInfo.InvariantCulture),
            ["grant"] = application.GrantId is { } g ? $"grant:{g}" : "none",
        }), cancellationToken);
        var applicant = await db.Users.AsNoTracking().FirstAsync(u => u.Id == application.UserId, cancellationToken);
        if (outcome.Status != facts.Status)
        {
            await notifier.SendAsync(ApplicationNotices.For(applicant.Email, id, tier.Name, outcome.Status, reason), cancellationToken);
        }

        return await ViewAsync(db, application, applicant, cancellationToken);
    }

    public async Task<ApplicationView> ResubmitAsync(long id, string useCase, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var application = await FindAsync(db, id, cancellationToken);
        if (application.Status != (int)ApplicationStatus.NeedsInfo)
        {
            await DenyAsync(actor, VettingErrors.ApplicationNotOpen, $"The application is {VettingNames.Of((ApplicationStatus)application.Status)}; only needs-info applications are resubmitted.", "application.resubmit", $"application:{id}", application.Tier, cancellationToken);
        }

        if (VettingText.Check("The use case", useCase, VettingText.MaxUseCaseLength, required: true) is { } problem)
        {
            await DenyAsync(actor, ErrorCodes.InvalidArgument, problem, "application.resubmit", $"application:{id}", application.Tier, cancellationToken);
        }

        var now = time.GetUtcNow();
        application.UseCase = useCase;
        application.Round++;
        application.Status = (int)ApplicationStatus.Pending;
        application.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("application.resubmit", actor, $"application:{id}", "ok", new Dictionary<string, string>
        {
            ["round"] = application.Round.ToString(CultureInfo.InvariantCulture),
        }), cancellationToken);
        var applicant = await db.Users.AsNoTracking().FirstAsync(u => u.Id == application.UserId, cancellationToken);
        await notifier.SendAsync(ApplicationNotices.For(applicant.Email, id, application.Tier, ApplicationStatus.Pending, null), cancellationToken);
        return await ViewAsync(db, application, applicant, cancellationToken);
    }

    /// <summary>Advisory lock keys: decisions on one application ("tgrv"), submissions of one user ("tgsb").</summary>
    private const int ReviewLockKey = 0x74677276, SubmitLockKey = 0x74677362;

    private static async Task<ApplicationEntity> FindAsync(TiergateDbContext db, long id, CancellationToken cancellationToken) =>
        await db.Set<ApplicationEntity>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new TiergateException(VettingErrors.UnknownApplication, $"No application has id {id}.");

    private async Task<ApplicationView> ViewAsync(TiergateDbContext db, ApplicationEntity a, UserEntity user, CancellationToken cancellationToken)
    {
        var decisions = await db.Set<ApplicationDecisionEntity>().AsNoTracking().Where(d => d.ApplicationId == a.Id).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var reviewerIds = decisions.Select(d => d.ReviewerId).Distinct().ToList();
        var reviewers = await db.Users.AsNoTracking().Where(u => reviewerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        var priorDenials = await db.Set<ApplicationEntity>().AsNoTracking().CountAsync(o => o.UserId == a.UserId && o.Id != a.Id && o.Status == (int)ApplicationStatus.Denied, cancellationToken);
        policy.TiersByName.TryGetValue(a.Tier, out var tier);
        var flags = new List<string>();
        if (tier is not null && IdentityRequirement.Unmet(tier, IdentityVerifications.StandingOf(user), time.GetUtcNow()) is var (code, _))
        {
            flags.Add(code == ErrorCodes.IdentityVerificationStale ? "identity_verification_stale" : "identity_below_tier");
        }

        if (time.GetUtcNow() - user.CreatedAt < NewAccountAge)
        {
            flags.Add("new_account");
        }

        if (priorDenials > 0)
        {
            flags.Add("prior_denials");
        }

        flags.AddRange(await Identity.Links.ClusterFlags.ForAsync(db, user.Id, cancellationToken));

        return new ApplicationView(
            a.Id, user.Email, a.Tier, VettingNames.Of((ApplicationStatus)a.Status), a.Round,
            decisions.Count(d => d.Round == a.Round && d.Verdict == (int)ReviewVerdict.Approve),
            tier?.Review.Approvals ?? ReviewSettings.Default.Approvals,
            a.UseCase, a.Affiliation, a.Links.Length == 0 ? [] : a.Links.Split('\n'),
            a.PolicyId, a.PolicyVersion, a.AcceptedAt, a.CreatedAt, a.GrantId, flags,
            decisions.Select(d => new DecisionView(reviewers.GetValueOrDefault(d.ReviewerId, $"user:{d.ReviewerId}"), VettingNames.Of((ReviewVerdict)d.Verdict), d.Round, d.Reason, d.At)).ToList());
    }

    private async Task DenyAsync(string actor, ErrorCode code, string message, string action, string subject, string tier, CancellationToken cancellationToken, params (string Key, string Value)[] extra)
    {
        var details = new Dictionary<string, string> { ["tier"] = tier, ["reason"] = code.Name };
        foreach (var (key, value) in extra)
        {
            details[key] = value;
        }

        await audit.AppendAsync(new AuditEvent(action, actor, subject, "denied", details), cancellationToken);
        throw new TiergateException(code, message);
    }

    public async Task<IReadOnlyList<QueueEntry>> ReviewQueueAsync(string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var applications = await db.Set<ApplicationEntity>().AsNoTracking().Where(a => a.Status == (int)ApplicationStatus.Pending).OrderBy(a => a.Id).Take(500).ToListAsync(cancellationToken);
        var userIds = applications.Select(a => a.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var entries = new List<QueueEntry>(applications.Count);
        foreach (var application in applications)
        {
            var user = users[application.UserId];
            entries.Add(new QueueEntry(await ViewAsync(db, application, user, cancellationToken), user.Id, AccountDirectory.IdentityName(IdentityVerifications.StandingOf(user).LevelAt(time.GetUtcNow())), user.CreatedAt));
        }

        await audit.AppendAsync(new AuditEvent("application.list", actor, null, "ok", new Dictionary<string, string>
        {
            ["status"] = VettingNames.Of(ApplicationStatus.Pending),
            ["count"] = entries.Count.ToString(CultureInfo.InvariantCulture),
            ["view"] = "queue",
        }), cancellationToken);
        return entries;
    }

    public async Task<ApplicationDossier> DossierAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var application = await db.Set<ApplicationEntity>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new TiergateException(VettingErrors.UnknownApplication, $"No application has id {id}.");
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == application.UserId, cancellationToken);
        var others = await db.Set<ApplicationEntity>().AsNoTracking().Where(a => a.UserId == user.Id && a.Id != id).OrderByDescending(a => a.Id).Take(100).ToListAsync(cancellationToken);
        var history = new List<ApplicationView>(others.Count);
        foreach (var other in others)
        {
            history.Add(await ViewAsync(db, other, user, cancellationToken));
        }

        var grants = await db.Grants.AsNoTracking().Where(g => g.UserId == user.Id).OrderByDescending(g => g.Id).Take(100).ToListAsync(cancellationToken);
        var links = await new Identity.Links.IdentifierGraph(database, audit, time).LinksAsync(user.Id, cancellationToken);
        await audit.AppendAsync(new AuditEvent("application.read", actor, $"application:{id}", "ok", new Dictionary<string, string>
        {
            ["user"] = $"user:{user.Id}",
            ["linked_accounts"] = (links.Cluster.Count - 1 + links.Possible.Count).ToString(CultureInfo.InvariantCulture),
        }), cancellationToken);
        return new ApplicationDossier(
            await ViewAsync(db, application, user, cancellationToken), user.Id, AccountDirectory.IdentityName(IdentityVerifications.StandingOf(user).LevelAt(time.GetUtcNow())), user.CreatedAt,
            history, grants.Select(g => GrantView.From(g, user.Email)).ToList(), PermittedUses(application))
        {
            Links = links,
        };
    }

    /// <summary>The ticked permitted uses in the words of the policy the applicant accepted (by index when it has changed since).</summary>
    private List<string> PermittedUses(ApplicationEntity application)
    {
        var texts = policy.PoliciesById.TryGetValue(application.PolicyId, out var aup) && aup.Version == application.PolicyVersion ? aup.Permitted : null;
        return application.PermittedUses.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(i => int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && texts is not null && n < texts.Count ? texts[n] : $"permitted use #{i} of {application.PolicyId}@{application.PolicyVersion}")
            .ToList();
    }

    public async Task<IReadOnlyList<ApplicationView>> ForApplicantAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        var applications = await db.Set<ApplicationEntity>().AsNoTracking().Where(a => a.UserId == userId).OrderByDescending(a => a.Id).Take(500).ToListAsync(cancellationToken);
        var views = new List<ApplicationView>(applications.Count);
        foreach (var application in applications)
        {
            views.Add(await ViewAsync(db, application, user, cancellationToken));
        }

        return views;
    }
}
