using Microsoft.AspNetCore.Authorization;
using Tiergate.Console.Auth;
using Tiergate.Storage.Vetting;

namespace Tiergate.Console.Pages.Applications;

/// <summary><c>/applications</c>: the signed-in user's own applications, with their status, approvals and the reasons reviewers gave.</summary>
[Authorize]
public sealed class IndexModel(IApplicationAdministration applications) : ConsolePage
{
    public IReadOnlyList<ApplicationView> Applications { get; private set; } = [];

    public async Task OnGetAsync() =>
        Applications = await applications.ForApplicantAsync(HttpContext.RequiredUserId(), HttpContext.RequestAborted);
}
