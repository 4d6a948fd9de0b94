namespace Tiergate.Server.Screening;

/// <summary>What a tier's profile makes of one screening: the category that blocks (if any) and those to flag.</summary>
public sealed record ScreeningOutcome(CategoryHit? Block, IReadOnlyList<CategoryHit> Flags)
{
    public static readonly ScreeningOutcome Clean = new(null, []);

    public bool Blocked => Block is not null;
}
