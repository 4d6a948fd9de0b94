namespace Tiergate.Storage.Vetting;

/// <summary>One reviewer's decision on an application, with the reason they gave.</summary>
public sealed class ApplicationDecisionEntity
{
    public long Id { get; set; }

    public long ApplicationId { get; set; }

    public long ReviewerId { get; set; }

    /// <summary>A <see cref="Tiergate.Core.Vetting.ReviewVerdict"/>.</summary>
    public int Verdict { get; set; }

    /// <summary>The application's round it was made in.</summary>
    public int Round { get; set; }

    /// <summary>Encrypted at rest; shown to the applicant.</summary>
    public required string Reason { get; set; }

    public DateTimeOffset At { get; set; }
}
