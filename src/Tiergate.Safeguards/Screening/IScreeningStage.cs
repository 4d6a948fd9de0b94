namespace Tiergate.Safeguards.Screening;

/// <summary>
/// One stage of a cascade. A stage looks only at categories still undecided
/// (<see cref="ScreeningContext.IsOpen"/>) and records, for each, an outcome with evidence.
/// Stages must be thread-safe; per-call state lives in the <see cref="ScreeningContext"/>.
/// </summary>
public interface IScreeningStage
{
    string Name { get; }

    /// <summary>Categories this stage can judge.</summary>
    IReadOnlyList<string> Categories { get; }

    void Evaluate(ScreeningContext context);
}
