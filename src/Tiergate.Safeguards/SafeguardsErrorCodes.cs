namespace Tiergate.Safeguards;

/// <summary>Stable error codes of the safeguards engine (catalogued in docs/safeguards.md).</summary>
public static class SafeguardsErrorCodes
{
    public const string IoError = "TG3000";
    public const string InvalidTermList = "TG3001";
    public const string InvalidModelFile = "TG3002";
    public const string ModelHashMismatch = "TG3003";
    public const string InvalidTrainingData = "TG3004";
    public const string InvalidOnnxModel = "TG3005";
}
