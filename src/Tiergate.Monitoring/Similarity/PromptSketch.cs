namespace Tiergate.Monitoring.Similarity;

/// <summary>
/// A MinHash sketch of a normalised prompt: similar prompts share many of its slots, so near-duplicate
/// variations can be found without keeping the text. One-permutation hashing (each 5-byte shingle hashed
/// once, the minimum kept per slot, empty slots filled from the next full one) costs one hash a byte.
/// Kept in memory only; what may be computed for a tier is decided by its privacy mode.
/// </summary>
public sealed class PromptSketch
{
    public const int Slots = 64;
    private const int ShingleBytes = 5;
    private const int SlotBits = 6; // 2^6 = Slots
    private const ulong Empty = ulong.MaxValue;

    private readonly ulong[] _slots;

    private PromptSketch(ulong[] slots) => _slots = slots;

    /// <summary>The slot values, for stores that keep sketches in memory across requests.</summary>
    public ReadOnlyMemory<ulong> Values => _slots;

    /// <summary>A sketch from stored <see cref="Values"/> (only <c>full</c>-privacy tiers store them).</summary>
    public static PromptSketch? FromValues(ulong[] values) => values.Length == Slots ? new PromptSketch((ulong[])values.Clone()) : null;

    /// <summary>Sketches normalised UTF-8 text; null for empty text, which has nothing to compare.</summary>
    public static PromptSketch? Of(ReadOnlySpan<byte> normalized)
    {
        if (normalized.IsEmpty)
        {
            return null;
        }

        var slots = new ulong[Slots];
        Array.Fill(slots, Empty);
        var count = Math.Max(1, normalized.Length - ShingleBytes + 1);
        for (var i = 0; i < count; i++)
        {
            var shingle = normalized.Slice(i, Math.Min(ShingleBytes, normalized.Length - i));
            var hash = Mix(Pack(shingle));
            var slot = (int)(hash >> (64 - SlotBits));
            var value = hash & (ulong.MaxValue >> SlotBits);
            if (value < slots[slot])
            {
                slots[slot] = value;
            }
        }

        Densify(slots);
        return new PromptSketch(slots);
    }

    /// <summary>Estimated Jaccard similarity of the two texts' shingle sets, 0 to 1.</summary>
    public double Similarity(PromptSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var same = 0;
        for (var i = 0; i < Slots; i++)
        {
            same += _slots[i] == other._slots[i] ? 1 : 0;
        }

        return same / (double)Slots;
    }

    /// <summary>An empty slot takes the value of the next full one (circularly), salted by the distance, so that equal texts still agree slot by slot.</summary>
    private static void Densify(ulong[] slots)
    {
        for (var i = 0; i < Slots; i++)
        {
            if (slots[i] != Empty)
            {
                continue;
            }

            for (var step = 1; step < Slots; step++)
            {
                var from = slots[(i + step) % Slots];
                if (from != Empty && from < (1UL << (64 - SlotBits)))
                {
                    slots[i] = Mix(from + ((ulong)step << 58)) | (1UL << 63);
                    break;
                }
            }
        }
    }

    private static ulong Pack(ReadOnlySpan<byte> shingle)
    {
        ulong packed = (ulong)shingle.Length << 56;
        for (var i = 0; i < shingle.Length; i++)
        {
            packed |= (ulong)shingle[i] << (8 * i);
        }

        return packed;
    }

    /// <summary>SplitMix64's finaliser: every input bit affects every output bit.</summary>
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
