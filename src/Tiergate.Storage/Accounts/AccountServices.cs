using Tiergate.Core.Audit;
using Tiergate.Core.Keys;
using Tiergate.Core.Notifications;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Accounts.Keys;
using Tiergate.Storage.Accounts.Users;
using Tiergate.Storage.Identity;
using Tiergate.Storage.Vetting;

using Tiergate.Storage.Accounts.Mfa;

namespace Tiergate.Storage.Accounts;

/// <summary>
/// The administration of each account aggregate, built together for a composition root (the CLI, the
/// admin API, tests). Applications, identity records and bans join here as their own aggregates.
/// </summary>
public sealed record AccountServices(IUserAdministration Users, IGrantAdministration Grants, IKeyAdministration Keys, IApplicationAdministration Applications, MfaService Mfa, IIdentityVerifications Verifications)
{
    public static AccountServices Create(TiergateDatabase database, PolicyDocument policy, ApiKeyHasher hasher, IAuditLog audit, IUserNotifier notifier, TimeProvider time) => new(
        new UserAdministration(database, policy, audit, time),
        new GrantAdministration(database, policy, audit, time),
        new KeyAdministration(database, policy, hasher, audit, time),
        new ApplicationAdministration(database, policy, audit, notifier, time),
        new MfaService(database, audit, time),
        new IdentityVerifications(database, audit, time));
}
