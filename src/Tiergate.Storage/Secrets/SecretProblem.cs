namespace Tiergate.Storage.Secrets;

/// <summary>
/// Why a server secret could not be loaded. Each case has one message and one stable code
/// (<see cref="SecretProblems.Code"/>), carried by <see cref="Crypto.CryptographicSetupException.Reason"/>.
/// </summary>
public enum SecretProblem
{
    /// <summary>The environment variable is set but empty or whitespace: refused, not ignored.</summary>
    EnvironmentBlank,

    /// <summary>The variable or file does not hold base64 text.</summary>
    NotBase64,

    /// <summary>The decoded secret is shorter (or, for exact-length keys, longer) than required.</summary>
    WrongLength,

    /// <summary>A file named explicitly (e.g. <c>--kek-file</c>) does not exist.</summary>
    FileMissing,

    /// <summary>The file may be read or written by group or others.</summary>
    FileExposed,

    /// <summary>The file exists but is empty or whitespace.</summary>
    FileEmpty,
}
