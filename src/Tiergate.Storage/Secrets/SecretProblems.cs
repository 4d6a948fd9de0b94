namespace Tiergate.Storage.Secrets;

/// <summary>The stable code name of each <see cref="SecretProblem"/> (<see cref="SecretErrors"/>); it appears in messages and never changes.</summary>
public static class SecretProblems
{
    public static string Code(this SecretProblem problem) => SecretErrors.Of(problem).Name;
}
