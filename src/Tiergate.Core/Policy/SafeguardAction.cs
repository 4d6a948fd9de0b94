namespace Tiergate.Core.Policy;

/// <summary>What the gateway does when screening finds a hazard category in a prompt or an answer.</summary>
public enum SafeguardAction
{
    /// <summary>Refuse: the prompt never reaches the model, or the answer never reaches the caller.</summary>
    Block,

    /// <summary>Let it through, and record a usage event and an audit record for monitoring.</summary>
    Flag,

    /// <summary>Let it through without a record.</summary>
    Allow,
}
