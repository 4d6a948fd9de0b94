namespace Tiergate.Core.Errors;

/// <summary>
/// A stable error: <see cref="Id"/> (<c>TG1001</c>) never changes meaning, <see cref="Name"/> is the
/// OpenAI-style <c>code</c> clients switch on, <see cref="Type"/> is the OpenAI error type.
/// </summary>
public sealed record ErrorCode(string Id, string Name, int HttpStatus, string Type, string Summary);
