namespace Tiergate.Storage.Accounts.Keys;

/// <summary>A freshly created key: the only time <see cref="Key"/> is ever available.</summary>
public sealed record CreatedKey(string Id, string Key, KeyView Details);
