using System.Security.Cryptography;

namespace Tiergate.Safeguards.Guards;

/// <summary>
/// Verdicts by content hash (SHA-256 of the normalised text that was judged), at most <see cref="Capacity"/>,
/// least recently used dropped first. Only verdicts are cached, never failures, and never the text.
/// Thread-safe (one lock; an entry is a few hundred bytes).
/// </summary>
public sealed class GuardVerdictCache
{
    private readonly object _lock = new();
    private readonly Dictionary<Hash, LinkedListNode<(Hash Key, GuardVerdict Verdict)>> _entries = [];
    private readonly LinkedList<(Hash Key, GuardVerdict Verdict)> _order = new();

    public GuardVerdictCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The key of a judged text: its direction and the normalised prompt and answer, hashed together.</summary>
    public static Hash KeyOf(bool output, ReadOnlySpan<byte> normalizedPrompt, ReadOnlySpan<byte> normalizedAnswer)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(output ? "out\0"u8 : "in\0"u8);
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, normalizedPrompt.Length);
        sha.AppendData(length); // so that prompt and answer cannot trade bytes and collide
        sha.AppendData(normalizedPrompt);
        sha.AppendData(normalizedAnswer);
        Span<byte> digest = stackalloc byte[32];
        sha.GetHashAndReset(digest);
        return new Hash(
            BitConverter.ToUInt64(digest[..8]),
            BitConverter.ToUInt64(digest[8..16]),
            BitConverter.ToUInt64(digest[16..24]),
            BitConverter.ToUInt64(digest[24..]));
    }

    public bool TryGet(Hash key, out GuardVerdict verdict)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                verdict = node.Value.Verdict;
                return true;
            }
        }

        verdict = null!;
        return false;
    }

    public void Add(Hash key, GuardVerdict verdict)
    {
        if (Capacity == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                _order.Remove(existing);
            }
            else if (_entries.Count >= Capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _entries.Remove(last.Value.Key);
            }

            _entries[key] = _order.AddFirst((key, verdict));
        }
    }

    /// <summary>A SHA-256 digest as four words: compared and hashed without allocating.</summary>
    public readonly record struct Hash(ulong A, ulong B, ulong C, ulong D);
}
