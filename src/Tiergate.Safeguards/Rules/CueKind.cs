namespace Tiergate.Safeguards.Rules;

/// <summary>What a term of an intent list says about the hazardous topic next to it.</summary>
public enum CueKind
{
    /// <summary>A hazardous topic (agent, weapon class, attack target): the term's category is the hazard category.</summary>
    Topic,

    /// <summary>Operational intent (make, acquire, deploy, spread, maximise casualties, ...): with a topic nearby it is a rule match.</summary>
    Intent,

    /// <summary>A request form ("how do I", "help me", "step by step"): near a match it doubles the match's weight, so a weak intent ("make") counts when asked for.</summary>
    Request,

    /// <summary>Defensive or scholarly context (history, treatment, detection, ...): a match next to it only escalates.</summary>
    Context,
}
