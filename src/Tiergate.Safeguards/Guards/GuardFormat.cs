namespace Tiergate.Safeguards.Guards;

/// <summary>The wire format of an external guard model.</summary>
public enum GuardFormat
{
    /// <summary>OpenAI-compatible <c>POST /moderations</c>: <c>results[0].flagged/categories/category_scores</c>.</summary>
    Moderations,

    /// <summary>Llama Guard 3 over <c>/chat/completions</c>: the server's chat template builds the prompt; answers <c>safe</c> or <c>unsafe\nS1,S9</c>.</summary>
    LlamaGuard,

    /// <summary>ShieldGemma over <c>/chat/completions</c>: one prompt per policy, answer starting with Yes or No.</summary>
    ShieldGemma,

    /// <summary>Granite Guardian over <c>/chat/completions</c>: one call per risk definition (<c>chat_template_kwargs.guardian_config</c>), answer Yes or No.</summary>
    GraniteGuardian,
}
