namespace Tiergate.Storage.IntegrationTests.Crypto;

/// <summary>A stand-in for a table with personal data: one encrypted text column, one encrypted binary column.</summary>
public sealed class SecretNoteEntity
{
    public long Id { get; set; }

    public required string Body { get; set; }

    public byte[]? Evidence { get; set; }
}
