using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tiergate.Console.Auth;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Vetting;

namespace Tiergate.Console.Pages.Applications;

/// <summary>
/// <c>/applications/new</c>: apply for a tier that is not granted automatically. The form shows the permitted uses
/// and the policy version of one tier (<c>?tier=NAME</c>, or the first); the console runs no script, so choosing
/// another tier in the list and submitting shows that tier's uses to tick instead of submitting. Submitting records
/// acceptance of the policy version shown, mails the applicant, and goes to the application (so a reload cannot
/// post twice; a replayed post is refused as a duplicate).
/// </summary>
[Authorize]
public sealed class NewModel(IApplicationAdministration applications, PolicyDocument policy) : ConsolePage
{
    private const int MaxLinksText = VettingText.MaxLinks * (VettingText.MaxLinkLength + 2);

    public IReadOnlyList<TierConfig> Tiers { get; private set; } = [];

    /// <summary>The tier whose permitted uses and policy the form shows.</summary>
    public TierConfig? Shown { get; private set; }

    public AcceptableUsePolicy? Policy => Shown is null ? null : policy.PoliciesById.GetValueOrDefault(Shown.Policy);

    public IReadOnlySet<int> Ticked { get; private set; } = new HashSet<int>();

    public string? UseCase { get; private set; }

    public string? Affiliation { get; private set; }

    public string? Links { get; private set; }

    public void OnGet([FromQuery(Name = "tier")] string? tier)
    {
        Load(tier);
    }

    public async Task<IActionResult> OnPostAsync(
        [FromForm(Name = "tier")] string? tier,
        [FromForm(Name = "usesTier")] string? usesTier,
        [FromForm(Name = "uses")] string[]? uses,
        [FromForm(Name = "useCase")] string? useCase,
        [FromForm(Name = "affiliation")] string? affiliation,
        [FromForm(Name = "links")] string? links,
        [FromForm(Name = "accept")] string? accept)
    {
        Load(tier);
        UseCase = Bounded(useCase, VettingText.MaxUseCaseLength);
        Affiliation = Bounded(affiliation, VettingText.MaxAffiliationLength);
        Links = Bounded(links, MaxLinksText);
        if (Shown is null || !string.Equals(Shown.Name, tier, StringComparison.Ordinal))
        {
            Errors["tier"] = "Choose one of the tiers listed.";
            return Refused();
        }

        if (!string.Equals(usesTier, Shown.Name, StringComparison.Ordinal))
        {
            // The list was changed to another tier: show that tier's permitted uses and policy before anything is submitted.
            FormError = $"These are the permitted uses and the policy of '{Shown.Name}'. Tick those that apply and submit again. Nothing was submitted yet.";
            return Page();
        }

        var ticked = new HashSet<int>();
        foreach (var use in uses ?? [])
        {
            if (!int.TryParse(use, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index < 0 || index >= Policy!.Permitted.Count)
            {
                Errors["uses"] = "Tick only permitted uses listed for this tier.";
                break;
            }

            ticked.Add(index);
        }

        Ticked = ticked;
        if (VettingText.Check("The intended use", useCase, VettingText.MaxUseCaseLength, required: true) is { } useProblem)
        {
            Errors["useCase"] = useProblem;
        }

        if (VettingText.Check("The affiliation", affiliation, VettingText.MaxAffiliationLength, required: false) is { } affiliationProblem)
        {
            Errors["affiliation"] = affiliationProblem;
        }

        var linkList = (links ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if ((links?.Length > MaxLinksText ? $"The links are too long: at most {VettingText.MaxLinks} links of {VettingText.MaxLinkLength} characters." : VettingText.CheckLinks(linkList)) is { } linkProblem)
        {
            Errors["links"] = linkProblem;
        }

        if (accept != "yes")
        {
            Errors["accept"] = $"Accept the acceptable use policy ({Policy!.Id}, version {Policy.Version}) to apply.";
        }

        if (Errors.Count > 0)
        {
            return Refused();
        }

        try
        {
            var request = new ApplicationRequest(HttpContext.Email(), Shown.Name, useCase!, string.IsNullOrWhiteSpace(affiliation) ? null : affiliation.Trim(), linkList, ticked.Order().ToList());
            var submitted = await applications.SubmitAsync(request, HttpContext.Actor(), HttpContext.RequestAborted);
            return Redirect($"/applications/{submitted.Id}?done=submitted");
        }
        catch (TiergateException e) when (e.Code.HttpStatus is >= 400 and < 500)
        {
            // Duplicate, identity below the tier's, text the storage refuses: its message says which, and nothing was stored.
            FormError = e.Message + " Nothing was submitted.";
            Response.StatusCode = e.Code.HttpStatus;
            return Page();
        }
    }

    private PageResult Refused()
    {
        FormError ??= "Correct the fields marked below. Nothing was submitted.";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void Load(string? tier)
    {
        Tiers = policy.Tiers.Where(t => !t.AutoGrant).ToList();
        Shown = Tiers.FirstOrDefault(t => string.Equals(t.Name, tier, StringComparison.Ordinal)) ?? (Tiers.Count > 0 ? Tiers[0] : null);
    }
}
