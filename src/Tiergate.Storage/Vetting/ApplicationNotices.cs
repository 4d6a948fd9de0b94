using Tiergate.Core.Notifications;
using Tiergate.Core.Vetting;

namespace Tiergate.Storage.Vetting;

/// <summary>The messages an applicant gets when their application's status changes; they carry the reviewer's reason, never other people's data.</summary>
internal static class ApplicationNotices
{
    public static UserMessage For(string email, long id, string tier, ApplicationStatus status, string? reason)
    {
        var (subject, kind, text) = status switch
        {
            ApplicationStatus.Pending => ("received", "application.pending", $"Your application {id} for the tier '{tier}' was received and waits for review."),
            ApplicationStatus.NeedsInfo => ("needs more information", "application.needs_info", $"A reviewer asked for more information on your application {id} for the tier '{tier}'. Update it and resubmit."),
            ApplicationStatus.Approved => ("approved", "application.approved", $"Your application {id} for the tier '{tier}' was approved; the grant is active and you can create a key for it."),
            _ => ("denied", "application.denied", $"Your application {id} for the tier '{tier}' was denied."),
        };
        var body = reason is null ? text : $"{text}\n\nThe reviewer's reason:\n{reason}";
        return new UserMessage(email, $"Tiergate: application {id} {subject}", body + "\n", kind);
    }
}
