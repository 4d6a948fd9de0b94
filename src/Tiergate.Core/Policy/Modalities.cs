namespace Tiergate.Core.Policy;

/// <summary>
/// What a variant may be sent besides text (<c>modalities:</c> in the policy). Text is always allowed;
/// the others are refused unless declared, because screening reads only their text.
/// </summary>
[Flags]
public enum Modalities
{
    Text = 1,
    Image = 2,
    Audio = 4,
    File = 8,
}
