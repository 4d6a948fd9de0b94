namespace Tiergate.Storage.Vetting;

/// <summary>One open application in the review queue, with the applicant's identity level and account age.</summary>
public sealed record QueueEntry(ApplicationView Application, long ApplicantId, string Identity, DateTimeOffset AccountCreatedAt);
