namespace Tiergate.Bench.Identity.Population;

/// <summary>How a planted ring was meant to hide.</summary>
internal enum RingDesign
{
    /// <summary>Accounts reuse some of the person's document, phones and cards (never all of them).</summary>
    Strong,

    /// <summary>Fresh phones and cards, no document: only devices and networks tie the accounts together.</summary>
    WeakOnly,
}
