namespace Tiergate.Storage.Crypto;

/// <summary>An encrypted column found in the model, with the key column used to page through it.</summary>
internal sealed record ReencryptedTarget(string Table, string Column, string Purpose, string KeyColumn, bool IsText)
{
    public ReencryptedColumn ToResult(long rows) => new(Table, Column, Purpose, rows);
}
