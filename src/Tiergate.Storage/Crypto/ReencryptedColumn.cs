namespace Tiergate.Storage.Crypto;

/// <summary>How many values of one encrypted column were re-encrypted under the new key.</summary>
public sealed record ReencryptedColumn(string Table, string Column, string Purpose, long Rows);
