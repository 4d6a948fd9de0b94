namespace Tiergate.Server.Screening;

/// <summary>What <see cref="PromptText"/> found in a request.</summary>
/// <param name="Text">Every piece of text the model reads, joined by newlines: what input screening and prompt sketches see.</param>
/// <param name="EstimatedChars">The text's length plus a little per message, for the prompt-token estimate.</param>
/// <param name="Extensions">Top-level parameters outside OpenAI's API, in body order.</param>
/// <param name="Media">The parts screening cannot read.</param>
public sealed record PromptContents(string Text, long EstimatedChars, IReadOnlyList<string> Extensions, MediaParts Media);
