namespace Tiergate.Server.Screening;

/// <summary>What one tier's safeguard profile can do per direction: let everything through unrecorded, or only flag.</summary>
internal sealed record TierShape(bool AllowsEverythingInput, bool AllowsEverythingOutput, bool OnlyFlagsInput, bool OnlyFlagsOutput)
{
    public bool AllowsEverything(bool output) => output ? AllowsEverythingOutput : AllowsEverythingInput;

    public bool OnlyFlags(bool output) => output ? OnlyFlagsOutput : OnlyFlagsInput;
}
