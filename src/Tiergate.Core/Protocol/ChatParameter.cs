namespace Tiergate.Core.Protocol;

/// <summary>One top-level parameter of a chat completion request: the JSON kinds it may take and what screening reads of it.</summary>
public sealed record ChatParameter(string Name, JsonKinds Kinds, ParameterText Text);
