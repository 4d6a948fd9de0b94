namespace Tiergate.Core.Protocol;

/// <summary>What of a parameter's value input screening reads.</summary>
public enum ParameterText
{
    /// <summary>Nothing the model reads as text: validated by type and passed through.</summary>
    None,

    /// <summary>Every string and every object key inside it, at any depth (tools and their JSON schemas, metadata, ...).</summary>
    AllStrings,

    /// <summary>The <c>messages</c> array: read message by message and part by part.</summary>
    Messages,
}
