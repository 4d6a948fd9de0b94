namespace Tiergate.Storage.Identity.Links;

/// <summary>Disjoint sets of account ids (union by size, path halving); an id never seen is its own set.</summary>
internal sealed class UnionFind
{
    private readonly Dictionary<long, long> _parent = [];
    private readonly Dictionary<long, int> _size = [];

    public long Find(long x)
    {
        while (_parent.TryGetValue(x, out var p) && p != x)
        {
            var grand = _parent.TryGetValue(p, out var g) ? g : p;
            _parent[x] = grand;
            x = grand;
        }

        return x;
    }

    public void Union(long a, long b)
    {
        var (ra, rb) = (Find(a), Find(b));
        if (ra == rb)
        {
            return;
        }

        var (sa, sb) = (_size.GetValueOrDefault(ra, 1), _size.GetValueOrDefault(rb, 1));
        if (sa < sb)
        {
            (ra, rb) = (rb, ra);
        }

        _parent[rb] = ra;
        _parent.TryAdd(ra, ra);
        _size[ra] = sa + sb;
    }
}
