namespace Tiergate.Core.Policy;

/// <summary>The wire format a guard model speaks (<c>safeguards.guards[].kind</c>).</summary>
public enum GuardKind
{
    /// <summary>An OpenAI-compatible <c>POST /v1/moderations</c> endpoint.</summary>
    Moderations,

    /// <summary>Llama Guard 3 behind <c>/v1/chat/completions</c>: answers <c>safe</c> or <c>unsafe\nS1,S9</c>.</summary>
    LlamaGuard,

    /// <summary>ShieldGemma behind <c>/v1/chat/completions</c>: one Yes/No question per policy.</summary>
    ShieldGemma,

    /// <summary>Granite Guardian behind <c>/v1/chat/completions</c>: one Yes/No answer per risk definition.</summary>
    GraniteGuardian,
}
