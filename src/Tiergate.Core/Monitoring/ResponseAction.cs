namespace Tiergate.Core.Monitoring;

/// <summary>What Tiergate does when a detector fires, in increasing weight.</summary>
public enum ResponseAction
{
    /// <summary>Mail the reviewers.</summary>
    Notify,

    /// <summary>Cut the user's request rate in the tier (to a tenth).</summary>
    Throttle,

    /// <summary>The user's keys stop working until they sign in to the console with their second factor.</summary>
    RequireReauth,

    /// <summary>Answer with the tier's stricter <c>monitoring.fallback_variant</c>.</summary>
    Fallback,

    /// <summary>The alert's key stops working.</summary>
    SuspendKey,

    /// <summary>The user's grant to the tier stops working.</summary>
    SuspendGrant,
}
