using System.CommandLine;
using System.Globalization;
using System.Text;
using Tiergate.Cli;
using Tiergate.Core.Audit;
using Tiergate.Core.Identity;
using Tiergate.Storage.Identity.Links;

namespace Tiergate.Commands;

/// <summary>
/// <c>tiergate users identify|links|ban</c>: attach an identifier to an account (saying when it links to, or is banned
/// on, another account), print an account's cluster with the evidence of each link, ban an account with its strong
/// identifiers. Identifier values are never printed back: only their kind and a prefix of their keyed hash.
/// </summary>
internal static class UsersIdentityCommand
{
    /// <summary>Adds <c>identify</c>, <c>links</c> and <c>ban</c> to the <c>users</c> command.</summary>
    public static Command AddTo(Command users)
    {
        users.Subcommands.Add(Identify());
        users.Subcommands.Add(Links());
        users.Subcommands.Add(Ban());
        return users;
    }

    private static Command Identify()
    {
        var user = new Option<string>("--user") { Description = "The user's email address.", Required = true };
        var phone = new Option<string?>("--phone") { Description = "A phone number in international form (+CC… or 00CC…)." };
        var document = new Option<string?>("--document") { Description = "An identity document as CC:NUMBER (ISO 3166-1 alpha-2 issuing country)." };
        var payment = new Option<string?>("--payment") { Description = "A payment-card fingerprint as the vendor returns it." };
        var device = new Option<string?>("--device") { Description = "A device identifier." };
        var identify = new Command("identify", "Attach an identifier to a user (stored only as a keyed hash); says when it links to, or is banned on, another account.") { user, phone, document, payment, device };
        identify.Validators.Add(r =>
        {
            var given = new[] { r.GetValue(phone), r.GetValue(document), r.GetValue(payment), r.GetValue(device) }.Count(v => v is not null);
            if (given != 1)
            {
                r.AddError("Give exactly one of --phone, --document, --payment or --device.");
            }
        });
        identify.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var (kind, value) = result.GetValue(phone) is { } p ? (IdentifierKind.Phone, p)
                : result.GetValue(document) is { } d ? (IdentifierKind.Document, d)
                : result.GetValue(payment) is { } c ? (IdentifierKind.Payment, c)
                : (IdentifierKind.Device, result.GetValue(device)!);
            var graph = cli.Identifiers;
            var (id, email) = await graph.FindUserAsync(result.GetValue(user)!, ct);
            var attached = await graph.AttachAsync(id, kind, value, "cli", CliContext.Actor, ct);
            var name = Core.Identity.Identifiers.IdentifierNormaliser.NameOf(kind);
            var others = string.Join(", ", attached.LinkedUserIds.Select(u => u.ToString(CultureInfo.InvariantCulture)));
            if (attached.Refusal is { } refusal)
            {
                var code = refusal == LinkErrors.DocumentInUse.Name ? LinkErrors.DocumentInUse : LinkErrors.IdentifierBanned;
                return output.Failure(code, code == LinkErrors.DocumentInUse
                    ? $"The document is already held by another account (user {others}); one document, one account. Nothing was attached to {email}."
                    : $"The {name} belongs to a banned account{(others.Length > 0 ? $" (user {others})" : "")}; nothing was attached to {email}.");
            }

            var text = attached.LinkedUserIds.Count == 0
                ? $"Attached a {name} to {email} (id {id}); no other account holds it."
                : $"Attached a {name} to {email} (id {id}); it LINKS to user {others}. See: tiergate users links --user {email}";
            return output.Success(new { user = email, user_id = id, kind = name, attached = true, linked_user_ids = attached.LinkedUserIds }, text);
        }, ct));
        return identify;
    }

    private static Command Links()
    {
        var user = new Option<string>("--user") { Description = "The user's email address.", Required = true };
        var links = new Command("links", "Print a user's cluster (accounts sharing a document, card, phone or mailbox) with the evidence of each link, and possible weak links.") { user };
        links.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var graph = cli.Identifiers;
            var (id, _) = await graph.FindUserAsync(result.GetValue(user)!, ct);
            var found = await graph.LinksAsync(id, ct);
            await cli.Audit.AppendAsync(new AuditEvent("identity.links", CliContext.Actor, $"user:{id}", "ok", new Dictionary<string, string>
            {
                ["cluster"] = found.Cluster.Count.ToString(CultureInfo.InvariantCulture),
                ["possible"] = found.Possible.Count.ToString(CultureInfo.InvariantCulture),
            }), ct);
            return output.Success(Json(found), Text(found));
        }, ct));
        return links;
    }

    private static Command Ban()
    {
        var user = new Option<string>("--user") { Description = "The user's email address.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (kept encrypted; not written to the audit log).", Required = true };
        var ban = new Command("ban", "Ban a user: disable the account, ban its document, phone, card and mailbox, revoke its grants, keys and sessions at once.") { user, reason };
        ban.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var done = await cli.Bans.BanAsync(result.GetValue(user)!, result.GetValue(reason), CliContext.Actor, ct);
            return output.Success(
                new { user = done.Email, user_id = done.UserId, banned_at = done.At, grants_revoked = done.GrantsRevoked, keys_revoked = done.KeysRevoked, sessions_ended = done.SessionsEnded, identifiers_banned = done.IdentifiersBanned },
                $"Banned {done.Email} (id {done.UserId}): revoked {done.GrantsRevoked} grants and {done.KeysRevoked} keys, ended {done.SessionsEnded} console sessions, banned {done.IdentifiersBanned} identifiers.");
        }, ct));
        return ban;
    }

    private static object Json(IdentityLinks links) => new
    {
        user = links.Email,
        user_id = links.UserId,
        cluster_id = links.ClusterId,
        cluster = links.Cluster.Select(Account),
        possible = links.Possible.Select(Account),
    };

    private static object Account(LinkedAccount a) => new
    {
        user = a.Email,
        user_id = a.UserId,
        banned = a.Banned,
        denied = a.Denied,
        score = a.Score,
        evidence = a.Evidence.Select(e => new { kind = e.Kind, hash = e.Hash, strength = e.Strength, weight = e.Weight, shared_with = e.SharedWith, holders = e.Holders, note = e.Note }),
    };

    private static string Text(IdentityLinks links)
    {
        var text = new StringBuilder();
        text.Append(links.ClusterId is { } c
            ? $"{links.Email} (id {links.UserId}) is in cluster {c} of {links.Cluster.Count} accounts."
            : $"{links.Email} (id {links.UserId}) shares no strong identifier with another account.");
        foreach (var a in links.Cluster)
        {
            Describe(text, a, "  ");
        }

        if (links.Possible.Count > 0)
        {
            text.AppendLine().Append("Possible links (weak evidence only):");
            foreach (var a in links.Possible)
            {
                Describe(text, a, "  ");
            }
        }

        return text.ToString();
    }

    private static void Describe(StringBuilder text, LinkedAccount a, string indent)
    {
        var status = a.Banned ? " BANNED" : a.Denied ? " DENIED-BEFORE" : "";
        text.AppendLine().Append(CultureInfo.InvariantCulture, $"{indent}{a.Email} (id {a.UserId}){status} score {a.Score:0.###}");
        foreach (var e in a.Evidence)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture,
                $"{indent}  {e.Strength} {e.Kind} {e.Hash} weight {e.Weight:0.###}{(e.Note is null ? "" : $" ({e.Note})")} shared with {string.Join(", ", e.SharedWith)} ({e.Holders} accounts in all)");
        }
    }
}
