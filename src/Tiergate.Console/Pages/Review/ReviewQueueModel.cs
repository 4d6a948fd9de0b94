using Microsoft.AspNetCore.Authorization;
using Tiergate.Console.Auth;
using Tiergate.Storage.Vetting;

namespace Tiergate.Console.Pages.Review;

/// <summary><c>/review</c>: the pending applications, oldest first, for reviewers and admins (the listing is audited).</summary>
[Authorize(Roles = ConsoleRoles.Reviewers)]
public sealed class ReviewQueueModel(IApplicationAdministration applications, TimeProvider time) : ConsolePage
{
    public IReadOnlyList<QueueEntry> Queue { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public long ViewerId { get; private set; }

    public async Task OnGetAsync()
    {
        Now = time.GetUtcNow();
        ViewerId = HttpContext.RequiredUserId();
        Queue = await applications.ReviewQueueAsync(HttpContext.Actor(), HttpContext.RequestAborted);
    }
}
