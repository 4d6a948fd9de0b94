using System.Text;
using System.Text.Json.Nodes;

namespace Tiergate.Server.IntegrationTests.Abuse;

/// <summary>
/// One generated request: a realistic chat completion (tools, tool results, content parts, schemas,
/// streaming) changed by a few hostile mutations. Built from its seed alone, so a failing case is
/// reproduced by its seed; <see cref="ToString"/> shows the seed, the mutations and the body.
/// </summary>
public sealed class HostileRequest
{
    private HostileRequest(int seed, byte[] body, IReadOnlyList<string> mutations, bool plantedHazard)
    {
        Seed = seed;
        Body = body;
        Mutations = mutations;
        PlantedHazard = plantedHazard;
    }

    public int Seed { get; }

    public byte[] Body { get; }

    public IReadOnlyList<string> Mutations { get; }

    /// <summary>The hazard was written into some string of the body (and may have survived the other mutations).</summary>
    public bool PlantedHazard { get; }

    public static HostileRequest FromSeed(int seed)
    {
        var random = new Random(seed);
        var request = BaseRequests.Pick(random);
        var mutations = new List<string>();
        var planted = false;
        for (var count = random.Next(1, 4); count > 0; count--)
        {
            var (what, hazard) = RequestMutations.ApplyToTree(request, random);
            mutations.Add(what);
            planted |= hazard;
        }

        var body = Encoding.UTF8.GetBytes(request.ToJsonString());
        if (random.Next(5) == 0)
        {
            var (what, bytes) = RequestMutations.ApplyToBytes(body, random);
            mutations.Add(what);
            body = bytes;
        }

        return new HostileRequest(seed, body, mutations, planted);
    }

    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Body);
        return $"seed {Seed} [{string.Join("; ", Mutations)}] {(text.Length > 2000 ? text[..2000] + "…" : text)}";
    }
}
