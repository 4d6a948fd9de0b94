namespace Tiergate.Safeguards.Evaluation;

/// <summary>
/// One line of an evaluation set: a request (a text, held as one user message, or a whole conversation),
/// whether it is harmful or benign, its hazard category and its language.
/// </summary>
public sealed record EvalItem(string Id, EvalKind Kind, string Category, string Lang, IReadOnlyList<EvalMessage> Messages)
{
    /// <summary>True when the line gave <c>messages</c> rather than <c>text</c>.</summary>
    public bool IsConversation { get; init; }

    /// <summary>The same item with every text of every message transformed (an obfuscated form).</summary>
    public EvalItem SelectText(Func<string, string> transform) => this with { Messages = Messages.Select(m => m.Select(transform)).ToList() };

    /// <summary>
    /// The same item with the last text of its last user message transformed: where a client adds or
    /// drops harmless words around its request.
    /// </summary>
    public EvalItem SelectLastUserText(Func<string, string> transform)
    {
        var index = -1;
        for (var i = Messages.Count - 1; i >= 0 && index < 0; i--)
        {
            if (Messages[i].Role == "user" && Messages[i].Texts.Count > 0)
            {
                index = i;
            }
        }

        if (index < 0)
        {
            return this;
        }

        var messages = Messages.ToList();
        var texts = messages[index].Texts.ToList();
        texts[^1] = transform(texts[^1]);
        messages[index] = messages[index] with { Texts = texts };
        return this with { Messages = messages };
    }

    /// <summary>The last text of the last user message that has one; null when none has.</summary>
    public string? LastUserText()
    {
        for (var i = Messages.Count - 1; i >= 0; i--)
        {
            if (Messages[i].Role == "user" && Messages[i].Texts.Count > 0)
            {
                return Messages[i].Texts[^1];
            }
        }

        return null;
    }

    /// <summary>The item's last user text, shortened, for listing misses.</summary>
    public string Preview(int maxChars = 120)
    {
        var text = LastUserText() ?? (Messages.Count > 0 && Messages[^1].Texts.Count > 0 ? Messages[^1].Texts[^1] : "");
        return text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars - 1), "…");
    }
}
