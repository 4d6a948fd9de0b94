namespace Tiergate.Core.Protocol;

/// <summary>The JSON value kinds a request parameter accepts.</summary>
[Flags]
public enum JsonKinds
{
    None = 0,
    String = 1,
    Number = 2,

    /// <summary>A number without a fraction that fits in 64 bits.</summary>
    Integer = 4,
    Boolean = 8,
    Object = 16,
    Array = 32,
    Null = 64,
}
