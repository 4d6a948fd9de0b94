using Microsoft.AspNetCore.Mvc.RazorPages;
using Tiergate.Console.Auth;
using Tiergate.Core.Policy;

namespace Tiergate.Console.Pages;

/// <summary><c>/</c>: the tiers, their descriptions and acceptable use policies, for anyone.</summary>
public sealed class IndexModel(PolicyDocument policy) : PageModel
{
    public IReadOnlyList<(TierConfig Tier, AcceptableUsePolicy? Policy)> Tiers { get; } =
        policy.Tiers.Select(t => (t, policy.PoliciesById.GetValueOrDefault(t.Policy))).ToList();

    public bool SignedIn => HttpContext.UserId() is not null;

    public void OnGet()
    {
    }
}
