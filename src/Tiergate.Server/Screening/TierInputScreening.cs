using System.Text.Json;
using Tiergate.Core.Policy;
using Tiergate.Safeguards.Evaluation;
using Tiergate.Server.Gateway;

namespace Tiergate.Server.Screening;

/// <summary>
/// A tier's input screening exactly as the gateway applies it to a chat request, for offline evaluation
/// (<c>tiergate safeguards eval</c>): the messages are written as a Chat Completions body, parsed by
/// <see cref="ChatRequest.Parse"/> (so screening sees the text the gateway's <see cref="PromptText"/> gathers)
/// and screened with the tier's input profile by <see cref="ContentScreening.Screen"/>.
/// </summary>
public sealed class TierInputScreening
{
    private readonly ContentScreening _screening;

    public TierInputScreening(ContentScreening screening, TierConfig tier)
    {
        ArgumentNullException.ThrowIfNull(screening);
        ArgumentNullException.ThrowIfNull(tier);
        _screening = screening;
        Tier = tier;
    }

    public TierConfig Tier { get; }

    public ScreeningOutcome Screen(IReadOnlyList<EvalMessage> messages)
    {
        using var request = ChatRequest.Parse(Body(messages));
        return _screening.Screen(Tier, request.Prompt, output: false);
    }

    /// <summary>Blocked when the tier blocks a category, flagged when it only records one, else passed.</summary>
    public EvalVerdict Verdict(EvalItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var outcome = Screen(item.Messages);
        return outcome.Blocked ? EvalVerdict.Blocked : outcome.Flags.Count > 0 ? EvalVerdict.Flagged : EvalVerdict.Passed;
    }

    private static byte[] Body(IReadOnlyList<EvalMessage> messages)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", "eval");
            writer.WriteStartArray("messages");
            foreach (var message in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role);
                if (message.AsParts)
                {
                    writer.WriteStartArray("content");
                    foreach (var text in message.Texts)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("type", "text");
                        writer.WriteString("text", text);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }
                else
                {
                    writer.WriteString("content", message.Texts.Count > 0 ? message.Texts[0] : "");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
