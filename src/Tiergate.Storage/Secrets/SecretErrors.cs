using Tiergate.Core.Errors;

namespace Tiergate.Storage.Secrets;

/// <summary>
/// Why a server secret (pepper, key-encryption key, audit signing key) could not be loaded. The command
/// exits with <c>storage_unavailable</c> and its message ends with one of these names; ids and names are a public contract.
/// </summary>
public static class SecretErrors
{
    public static readonly ErrorCode EnvironmentBlank = new("TG2011", "secret_env_blank", 503, ErrorTypes.Api, "A secret's environment variable is set but blank: refused, not ignored.");
    public static readonly ErrorCode NotBase64 = new("TG2012", "secret_not_base64", 503, ErrorTypes.Api, "A secret's variable or file does not hold base64 text.");
    public static readonly ErrorCode WrongLength = new("TG2013", "secret_wrong_length", 503, ErrorTypes.Api, "A decoded secret is shorter (or, for exact-length keys, longer) than required.");
    public static readonly ErrorCode FileMissing = new("TG2014", "secret_file_missing", 503, ErrorTypes.Api, "A secret file named explicitly (e.g. --kek-file) does not exist.");
    public static readonly ErrorCode FileExposed = new("TG2015", "secret_file_exposed", 503, ErrorTypes.Api, "A secret file may be read or written by group or others (chmod 600 it).");
    public static readonly ErrorCode FileEmpty = new("TG2016", "secret_file_empty", 503, ErrorTypes.Api, "A secret file exists but is empty.");

    public static IReadOnlyList<ErrorCode> All { get; } = ErrorCodeList.Of(typeof(SecretErrors));

    public static ErrorCode Of(SecretProblem problem) => problem switch
    {
        SecretProblem.EnvironmentBlank => EnvironmentBlank,
        SecretProblem.NotBase64 => NotBase64,
        SecretProblem.WrongLength => WrongLength,
        SecretProblem.FileMissing => FileMissing,
        SecretProblem.FileExposed => FileExposed,
        SecretProblem.FileEmpty => FileEmpty,
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };
}
