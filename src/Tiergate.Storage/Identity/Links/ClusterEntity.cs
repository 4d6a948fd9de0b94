namespace Tiergate.Storage.Identity.Links;

/// <summary>
/// An account's cluster (accounts joined by strong links). Only accounts in a cluster of two or more have a row:
/// an account without one is alone. <see cref="ClusterId"/> is a label, not a user id.
/// </summary>
public sealed class ClusterEntity
{
    public long UserId { get; set; }

    public long ClusterId { get; set; }
}
