namespace Tiergate.Safeguards.Evaluation;

/// <summary>The forms in which <c>safeguards eval</c> screens each item (see <see cref="TextObfuscator"/>).</summary>
public enum ObfuscationForm
{
    Plain,
    ZeroWidth,
    Homoglyphs,
    Leetspeak,
    SpacedLetters,
}
