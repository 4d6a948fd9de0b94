namespace Tiergate.Monitoring.Detectors.State;

/// <summary>A key's recent uses, for key sharing; stored as <c>key:{id}</c>.</summary>
public sealed class KeyState
{
    public const int MaxUses = 256;

    public List<KeyUse> Uses { get; set; } = [];

    public DateTimeOffset? AlertedAt { get; set; }
}
