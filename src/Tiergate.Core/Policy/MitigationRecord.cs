namespace Tiergate.Core.Policy;

/// <summary>What was done to a variant's weights and training, recorded for reviewers.</summary>
public sealed record MitigationRecord(string RefusalTraining, bool DataFiltered, string? Notes);
