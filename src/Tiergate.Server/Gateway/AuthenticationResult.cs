using Tiergate.Core.Access;
using Tiergate.Core.Errors;

namespace Tiergate.Server.Gateway;

/// <summary>The caller behind a valid key, or why there is none. <see cref="KeyId"/> is set whenever the key parsed.</summary>
public sealed record AuthenticationResult(CallerContext? Caller, ErrorCode? Error, string? Message, string? KeyId);
