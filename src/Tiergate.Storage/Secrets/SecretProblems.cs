namespace Tiergate.Storage.Secrets;

/// <summary>The stable codes of <see cref="SecretProblem"/>; they appear in messages and never change.</summary>
public static class SecretProblems
{
    public static string Code(this SecretProblem problem) => problem switch
    {
        SecretProblem.EnvironmentBlank => "secret_env_blank",
        SecretProblem.NotBase64 => "secret_not_base64",
        SecretProblem.WrongLength => "secret_wrong_length",
        SecretProblem.FileMissing => "secret_file_missing",
        SecretProblem.FileExposed => "secret_file_exposed",
        SecretProblem.FileEmpty => "secret_file_empty",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };
}
