namespace Tiergate.Bench.Monitoring.Scoring;

/// <summary>One row of the score: recall over the planted scenarios and false alerts per 1,000 benign user-days.</summary>
internal sealed record DetectorScore(string Detector, int Planted, int Caught, double Recall, int FalseAlerts, double FalsePerThousandUserDays, List<string> Missed);
