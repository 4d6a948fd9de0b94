using Tiergate.Core.Errors;

namespace Tiergate.Storage.Responses;

/// <summary>Errors of graduated responses (ids and names are a public contract).</summary>
public static class ResponseErrors
{
    public static readonly ErrorCode UnknownResponse = new("TG2090", "unknown_response", 404, ErrorTypes.NotFound, "No response has this id.");
    public static readonly ErrorCode ResponseWrongState = new("TG2091", "response_wrong_state", 409, ErrorTypes.Conflict, "The response is not in a state that allows this: only a pending response is confirmed or declined, only an active one is reversed.");

    public static IReadOnlyList<ErrorCode> All { get; } = ErrorCodeList.Of(typeof(ResponseErrors));
}
