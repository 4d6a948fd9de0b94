using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Auth;
using Tiergate.Storage.Alerts;

namespace Tiergate.Console.Pages.Alerts;

/// <summary>
/// <c>/alerts</c>: the alerts misuse monitoring raised, newest first, for reviewers and admins, filtered by status.
/// A masked alert (an <c>aggregate</c>-privacy tier's) shows "masked" where the user would be. The listing is audited.
/// </summary>
[Authorize(Roles = ConsoleRoles.Reviewers)]
public sealed class AlertListModel(AlertStore alerts) : ConsolePage
{
    public IReadOnlyList<AlertView> Alerts { get; private set; } = [];

    /// <summary>The status filter as given ("" for every status).</summary>
    public string Status { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "status")] string? status)
    {
        AlertStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!AlertNames.TryParseStatus(status, out var parsed))
            {
                Errors["status"] = $"Choose one of: {string.Join(", ", AlertNames.Statuses)}.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            wanted = parsed;
            Status = status;
        }

        Alerts = await alerts.ListAsync(wanted, null, HttpContext.Actor(), HttpContext.RequestAborted);
        return Page();
    }
}
