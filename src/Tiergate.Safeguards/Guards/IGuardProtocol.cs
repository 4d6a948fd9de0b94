namespace Tiergate.Safeguards.Guards;

/// <summary>One guard wire format: asks the guard about a prompt (and an answer to it) and maps what it says.</summary>
internal interface IGuardProtocol
{
    /// <param name="answer">Null to judge the prompt; otherwise the answer is judged, with the prompt as its context.</param>
    /// <exception cref="GuardUnavailableException">The guard failed or answered in a form that says nothing.</exception>
    Task<GuardVerdict> JudgeAsync(HttpMessageInvoker http, GuardOptions options, string prompt, string? answer, CancellationToken cancellationToken);
}
