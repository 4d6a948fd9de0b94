namespace Tiergate.Core.Errors;

/// <summary>
/// The OpenAI-style error types an <see cref="ErrorCode"/> carries: clients (and OpenAI SDKs) map them
/// to exception classes, so each says what kind of failure it is, never where it was raised.
/// </summary>
public static class ErrorTypes
{
    public const string Authentication = "authentication_error";
    public const string Permission = "permission_error";
    public const string InvalidRequest = "invalid_request_error";
    public const string NotFound = "not_found_error";
    public const string Conflict = "conflict_error";
    public const string RateLimit = "rate_limit_error";
    public const string Api = "api_error";
}
