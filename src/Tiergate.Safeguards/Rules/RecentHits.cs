namespace Tiergate.Safeguards.Rules;

/// <summary>The last few occurrences of one kind (a ring of <see cref="Capacity"/>): the candidates for a pair with the next occurrence.</summary>
internal sealed class RecentHits
{
    public const int Capacity = 6;

    private readonly RuleHit[] _ring = new RuleHit[Capacity];
    private int _next;

    public int Count { get; private set; }

    public RuleHit this[int index] => _ring[(_next - 1 - index + (2 * Capacity)) % Capacity];

    public void Add(RuleHit hit)
    {
        _ring[_next] = hit;
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    public void Clear()
    {
        _next = 0;
        Count = 0;
    }
}
