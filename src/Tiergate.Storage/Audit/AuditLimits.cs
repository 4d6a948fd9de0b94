namespace Tiergate.Storage.Audit;

/// <summary>Column sizes of the audit tables; the writer rejects events that exceed them.</summary>
public static class AuditLimits
{
    public const int ActionLength = 128;
    public const int ActorLength = 256;
    public const int SubjectLength = 256;
    public const int OutcomeLength = 64;
    public const int DetailsLength = 8192;
    public const int KeyIdLength = 32;
}
