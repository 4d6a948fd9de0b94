namespace Tiergate.Safeguards.Classification;

/// <summary>The hashes of the last two words, for word bigrams and trigrams, and how many words came before.</summary>
internal struct WordHistory
{
    public ulong Previous1;
    public ulong Previous2;
    public int Count;
}
