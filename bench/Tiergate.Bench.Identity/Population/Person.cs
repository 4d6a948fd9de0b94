namespace Tiergate.Bench.Identity.Population;

/// <summary>
/// A human and everything they could attach: one document (when they have been verified), phone lines, cards,
/// devices, a home network, an employer or university. A ring's person opens several accounts from this.
/// </summary>
internal sealed class Person
{
    public required int Id { get; init; }

    public required Country Country { get; init; }

    public required Network Home { get; init; }

    public Institution? University { get; init; }

    public Institution? Company { get; init; }

    public int HouseholdId { get; init; } = -1;

    /// <summary>The document number (without country), or null when the person has none on record.</summary>
    public string? Document { get; set; }

    public List<string> Phones { get; } = [];

    public List<string> Cards { get; } = [];

    public List<string> Devices { get; } = [];

    /// <summary>A personal Gmail address a ring may reuse through dot and <c>+tag</c> variants.</summary>
    public string? Gmail { get; set; }
}
