namespace Tiergate.Safeguards.Normalization;

/// <summary>The scalar state of a <see cref="NormalizationWriter"/> between two pieces of a streamed text.</summary>
internal struct NormalizationWriterState
{
    public int Count;
    public bool HasLetter;
    public bool SymbolPending;
    public int Symbol;
    public int SymbolStart;
    public int SymbolEnd;
    public bool SeparatorPending;
    public int SeparatorStart;
    public int SeparatorEnd;
    public int SeparatorCount;
    public bool LastSingleLetter;
}
