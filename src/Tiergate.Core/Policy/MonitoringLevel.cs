namespace Tiergate.Core.Policy;

/// <summary>How closely monitoring watches a tier; relaxed safeguards call for more.</summary>
public enum MonitoringLevel
{
    Standard,
    Enhanced,
}
