namespace Tiergate.Core.Protocol;

/// <summary>
/// What of a parameter's value the model reads as text. The gateway screens the strings of every parameter
/// but <c>model</c> whatever this says (the upstream receives them); this records why each is there.
/// </summary>
public enum ParameterText
{
    /// <summary>Nothing the model reads as text (a number, a setting, an identifier): checked by JSON kind and passed through.</summary>
    None,

    /// <summary>Every string and every object key inside it, at any depth (tools and their JSON schemas, metadata, ...).</summary>
    AllStrings,

    /// <summary>The <c>messages</c> array: read message by message and part by part.</summary>
    Messages,
}
