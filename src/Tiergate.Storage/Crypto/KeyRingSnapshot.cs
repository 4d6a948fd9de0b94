namespace Tiergate.Storage.Crypto;

/// <summary>The unwrapped keys of one moment: every data key version, the active one, and the index key.</summary>
internal sealed record KeyRingSnapshot(IReadOnlyDictionary<int, byte[]> DataKeys, int ActiveVersion, byte[] IndexKey);
