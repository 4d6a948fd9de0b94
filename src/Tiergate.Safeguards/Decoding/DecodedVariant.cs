namespace Tiergate.Safeguards.Decoding;

/// <summary>A text as it reads with a disguise undone; <see cref="Form"/> names the decodings applied, outermost last ("base64", "rot13+base64").</summary>
public readonly record struct DecodedVariant(string Form, string Text);
