namespace Tiergate.Server.Screening;

/// <summary>What <see cref="PromptText"/> found in a request.</summary>
/// <param name="Text">Every piece of text the model reads, joined by newlines: what input screening and prompt sketches see.</param>
/// <param name="EstimatedChars">The text's length plus a little per message, for the prompt-token estimate.</param>
/// <param name="Extensions">Top-level parameters outside OpenAI's API, in body order.</param>
/// <param name="Media">The parts screening cannot read.</param>
/// <param name="LastUserTurn">
/// The text of the last <c>user</c> message, when the prompt holds more than it: screened alone as well, so that a
/// long harmless history cannot dilute a harmful last question (<see cref="ContentScreening.Screen(Tiergate.Core.Policy.TierConfig, PromptContents)"/>).
/// </param>
public sealed record PromptContents(string Text, long EstimatedChars, IReadOnlyList<string> Extensions, MediaParts Media, string? LastUserTurn = null);
