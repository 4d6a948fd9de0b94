namespace Tiergate.Safeguards.Evaluation;

/// <summary>
/// One chat message of an evaluation item: its role and its text, either one string or, when
/// <see cref="AsParts"/>, a list of text content parts (a request split across parts).
/// </summary>
public sealed record EvalMessage(string Role, IReadOnlyList<string> Texts, bool AsParts)
{
    public static EvalMessage User(string text) => new("user", [text], AsParts: false);

    public EvalMessage Select(Func<string, string> transform) => this with { Texts = Texts.Select(transform).ToList() };
}
