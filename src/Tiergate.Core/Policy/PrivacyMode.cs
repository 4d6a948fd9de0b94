namespace Tiergate.Core.Policy;

/// <summary>How much of a tier's traffic monitoring may see.</summary>
public enum PrivacyMode
{
    /// <summary>Monitoring may retain and inspect content.</summary>
    Full,

    /// <summary>Monitoring sees who, when, where and how much, never content.</summary>
    MetadataOnly,

    /// <summary>Monitoring sees only aggregates across users.</summary>
    Aggregate,
}
