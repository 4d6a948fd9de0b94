namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>The sample policy's tiers (samples/tiergate.yaml), their variants, output limits and what their safeguards do.</summary>
internal static class Tiers
{
    public const string General = "general";
    public const string SafetyResearch = "safety-research";
    public const string MedicalResearch = "medical-research";

    public static int MaxOutputTokens(string tier) => tier == General ? 1024 : 4096;

    /// <summary>Whether an input hit of <paramref name="category"/> (0 bio, 1 chem, 2 radnuc, 3 cyber) blocks in the tier; otherwise it flags.</summary>
    public static bool Blocks(string tier, int category) => tier switch
    {
        General => true,
        SafetyResearch => false,
        _ => category != 0,
    };

    public static string Variant(string tier, Random r) => tier switch
    {
        General => "standard",
        SafetyResearch => r.NextDouble() < 0.7 ? "reduced-refusal" : "standard",
        _ => r.NextDouble() < 0.75 ? "bio-research" : "standard",
    };
}
