using Tiergate.Core.Errors;

namespace Tiergate.Storage.Identity.Vendors;

/// <summary>How a webhook endpoint answers: 200 with the outcome recorded, or the error (a duplicate is a 200 with its code).</summary>
/// <param name="Outcome">The recorded outcome (<c>verified</c>, <c>failed</c>, <c>refused</c>, <c>pending</c>), or <c>ignored</c>.</param>
public sealed record WebhookAnswer(int Status, ErrorCode? Error, string? Outcome, string? Message = null)
{
    public static WebhookAnswer Done(string outcome) => new(200, null, outcome);

    public static WebhookAnswer Refused(ErrorCode code, string message) => new(code.HttpStatus, code, null, message);
}
