namespace Tiergate.Core.Notifications;

/// <summary>
/// One message to a person: plain text, with at most one link for them to follow (verification,
/// reset, an application's page). Never carries a secret other than that link's one-time token.
/// </summary>
/// <param name="Kind">A stable name for logs and tests (<c>email.verify</c>, <c>application.approved</c>, …).</param>
public sealed record UserMessage(string ToEmail, string Subject, string TextBody, string Kind, Uri? Link = null);
