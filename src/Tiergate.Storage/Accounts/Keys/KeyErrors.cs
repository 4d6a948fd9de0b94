using Tiergate.Core.Errors;

namespace Tiergate.Storage.Accounts.Keys;

/// <summary>Errors of API key administration (ids and names are a public contract).</summary>
public static class KeyErrors
{
    public static readonly ErrorCode UnknownKey = new("TG2005", "unknown_key", 404, ErrorTypes.NotFound, "No API key has this id.");

    public static IReadOnlyList<ErrorCode> All { get; } = ErrorCodeList.Of(typeof(KeyErrors));
}
