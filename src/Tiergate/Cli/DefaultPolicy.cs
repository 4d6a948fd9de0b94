namespace Tiergate.Cli;

/// <summary>The default policy, samples/tiergate.yaml, embedded so the binary runs from any directory.</summary>
internal static class DefaultPolicy
{
    public const string Name = "built-in default (samples/tiergate.yaml)";

    public static string Read()
    {
        using var stream = typeof(DefaultPolicy).Assembly.GetManifestResourceStream("Tiergate.samples.tiergate.yaml")
            ?? throw new InvalidOperationException("The default policy is missing from this build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
