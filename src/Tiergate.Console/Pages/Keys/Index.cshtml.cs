using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tiergate.Console.Auth;
using Tiergate.Core.Access;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts.Keys;
using Tiergate.Storage.Accounts.Mfa;

namespace Tiergate.Console.Pages.Keys;

/// <summary>
/// <c>/keys</c>: the signed-in user's API keys (rotate, revoke) and a form to create one, scoped to tiers they hold,
/// with the practices of those tiers shown beside it and enforced by the storage's checks. A new key's secret is in
/// this one response only (<c>Cache-Control: no-store</c>). Creating or rotating a key that can reach a tier requiring
/// MFA needs step-up. Keys are looked up among the user's own: another user's key id answers 404.
/// </summary>
[Authorize]
public sealed class IndexModel(IKeyAdministration keys, MfaService mfa, PolicyDocument policy, TimeProvider time) : ConsolePage
{
    public const int MaxNetworks = 50;

    public IReadOnlyList<KeyView> Keys { get; private set; } = [];

    /// <summary>The tiers the user holds now, in policy order.</summary>
    public IReadOnlyList<TierConfig> Held { get; private set; } = [];

    /// <summary>Shown in this response only, never again.</summary>
    public CreatedKey? Created { get; private set; }

    public string? Notice { get; private set; }

    public string FormId { get; } = SubmittedForms.NewId();

    public IReadOnlySet<string> Ticked { get; private set; } = new HashSet<string>(StringComparer.Ordinal);

    public string? ExpiresDays { get; private set; }

    public string? Networks { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(
        [FromForm(Name = "tiers")] string[]? tiers,
        [FromForm(Name = "expiresDays")] string? expiresDays,
        [FromForm(Name = "networks")] string? networks,
        [FromForm(Name = "formId")] string? formId)
    {
        await LoadAsync();
        ExpiresDays = Bounded(expiresDays, 10);
        Networks = Bounded(networks, 4000);
        var scope = (tiers ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        Ticked = scope.ToHashSet(StringComparer.Ordinal);
        var held = Held.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        if (scope.FirstOrDefault(t => !held.Contains(t)) is { } notHeld)
        {
            Errors["tiers"] = $"You do not hold the tier '{Bounded(notHeld, 64)}'; tick only tiers listed here (apply for others on the applications page).";
        }

        int? days = null;
        if (!string.IsNullOrWhiteSpace(expiresDays))
        {
            if (int.TryParse(expiresDays.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 3650)
            {
                days = d;
            }
            else
            {
                Errors["expiresDays"] = "Enter a whole number of days from 1 to 3650, or leave it empty for a key that does not expire.";
            }
        }

        var blocks = (networks ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (networks?.Length > 4000 || blocks.Length > MaxNetworks)
        {
            Errors["networks"] = $"At most {MaxNetworks} networks, one per line.";
        }
        else
        {
            foreach (var block in blocks)
            {
                if (!StrictNetwork.TryParse(block, out _, out var problem))
                {
                    Errors["networks"] = $"'{Bounded(block, 60)}' {problem} Write one network per line, like 203.0.113.0/24, or 203.0.113.7 for one address.";
                    break;
                }
            }
        }

        if (Errors.Count > 0)
        {
            return Refused("Correct the fields marked below. No key was made.");
        }

        var reach = scope.Count == 0 ? Held : Held.Where(t => Ticked.Contains(t.Name)).ToList();
        if (await StepUpAsync(reach) is { } challenge)
        {
            return challenge;
        }

        if (!SubmittedForms.TryUse(HttpContext.RequiredUserId(), formId, time.GetUtcNow()))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            FormError = "This form was already submitted (or is not from this page); no second key was made. Your keys are listed below.";
            return Page();
        }

        try
        {
            Created = await keys.CreateAsync(HttpContext.Email(), days, blocks, scope, HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (TiergateException e) when (e.Code.HttpStatus is >= 400 and < 500)
        {
            var field = e.Code == ErrorCodes.KeyLifetimeTooLong ? "expiresDays"
                : e.Code == ErrorCodes.IpAllowlistRequired ? "networks"
                : e.Code == VettingErrors.KeyTierNotHeld ? "tiers"
                : null;
            var message = e.Code == ErrorCodes.MfaRequired ? e.Message + " Set up an authenticator app on your account page first." : e.Message;
            if (field is not null)
            {
                Errors[field] = message;
            }

            return Refused(field is null ? message + " No key was made." : "The key would not meet a practice of a tier it can reach (marked below). No key was made.");
        }

        return await ShowCreatedAsync("Your new key is below.");
    }

    public async Task<IActionResult> OnPostRotateAsync([FromForm(Name = "id")] string? id)
    {
        await LoadAsync();
        if (Keys.FirstOrDefault(k => k.Id == id) is not { } key)
        {
            return NotFound();
        }

        var reach = key.Tiers.Count == 0 ? Held : Held.Where(t => key.Tiers.Contains(t.Name)).ToList();
        if (await StepUpAsync(reach) is { } challenge)
        {
            return challenge;
        }

        try
        {
            Created = await keys.RotateAsync(HttpContext.RequiredUserId(), key.Id, HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (TiergateException e) when (e.Code == KeyErrors.UnknownKey)
        {
            return NotFound();
        }
        catch (TiergateException e) when (e.Code.HttpStatus is >= 400 and < 500)
        {
            return Refused(e.Message + " Nothing was changed.", e.Code.HttpStatus);
        }

        return await ShowCreatedAsync($"Key {key.Id} was replaced and no longer works; its replacement is below.");
    }

    public async Task<IActionResult> OnPostRevokeAsync([FromForm(Name = "id")] string? id)
    {
        try
        {
            var revoked = await keys.RevokeOwnAsync(HttpContext.RequiredUserId(), id ?? "", HttpContext.Actor(), HttpContext.RequestAborted);
            Notice = $"Key {revoked.Id} is revoked: it is refused from the next request.";
        }
        catch (TiergateException e) when (e.Code == KeyErrors.UnknownKey)
        {
            return NotFound();
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>The practices a key for <paramref name="tier"/> must meet, as the page states them.</summary>
    public static IReadOnlyList<string> Practices(TierConfig tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        var s = tier.Security;
        return
        [
            s.Mfa ? "MFA required" : "MFA not required",
            s.MaxKeyDays is { } days ? $"Keys expire within {days} days" : "No maximum key lifetime",
            s.IpAllowlist ? "IP allowlist required" : "IP allowlist optional",
            $"Identity level: {tier.Identity.ToString().ToLowerInvariant()}",
        ];
    }

    private async Task<PageResult> ShowCreatedAsync(string notice)
    {
        Notice = notice;
        Response.Headers.CacheControl = "no-store";
        Ticked = new HashSet<string>(StringComparer.Ordinal);
        ExpiresDays = null;
        Networks = null;
        await LoadAsync();
        return Page();
    }

    /// <summary>A step-up redirect when a key reaching <paramref name="reach"/> needs one (a tier requires MFA) and this session has no recent second factor.</summary>
    private async Task<IActionResult?> StepUpAsync(IEnumerable<TierConfig> reach)
    {
        if (!reach.Any(t => t.Security.Mfa))
        {
            return null;
        }

        // Without MFA enrolled there is nothing to step up with: the storage's check refuses with mfa_required instead.
        var enrolled = (await mfa.StatusAsync(HttpContext.RequiredUserId(), HttpContext.RequestAborted)).Enrolled;
        return enrolled ? this.RequireRecentSecondFactor(StepUp.Window) : null;
    }

    private PageResult Refused(string message, int status = StatusCodes.Status400BadRequest)
    {
        FormError = message;
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync()
    {
        var userId = HttpContext.RequiredUserId();
        Keys = await keys.ListOwnAsync(userId, HttpContext.RequestAborted);
        var held = await keys.HeldTiersAsync(userId, HttpContext.RequestAborted);
        Held = held.Select(t => policy.TiersByName[t]).ToList();
    }
}
