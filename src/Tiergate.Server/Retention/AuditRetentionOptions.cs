namespace Tiergate.Server.Retention;

/// <summary>Scheduled audit retention (settings <c>audit: { keep, archive_dir, interval }</c>).</summary>
/// <param name="Keep">Records older than this are archived and removed from the database.</param>
/// <param name="ArchiveDirectory">Where archive files go: storage shared by the instances, or each archiver's own (see docs/audit.md).</param>
/// <param name="Interval">How often the server archives.</param>
public sealed record AuditRetentionOptions(TimeSpan Keep, string ArchiveDirectory, TimeSpan Interval);
