namespace Tiergate.Bench.Identity.Population;

/// <summary>A university or company: its email domain, its network, how popular it is, its shared lab machines.</summary>
internal sealed record Institution(string Domain, Network Network, double Popularity, IReadOnlyList<string> LabDevices);
