using Tiergate.Storage.Responses;

namespace Tiergate.Console.Pages.Responses;

/// <summary>One decision form on <c>/responses</c>: which response, which handler, and the reason and error to show again.</summary>
public sealed record ResponseFormView(ResponseView Response, string Handler, string Label, long? AlertFilter, string? Reason, string? Error);
