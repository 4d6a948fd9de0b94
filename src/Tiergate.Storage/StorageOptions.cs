namespace Tiergate.Storage;

/// <summary>Where Tiergate keeps its state: a data directory, and optionally PostgreSQL instead of SQLite.</summary>
/// <param name="DataDirectory">Holds the SQLite database and server secrets.</param>
/// <param name="PostgresConnection">An Npgsql connection string or a <c>postgresql://</c> URI; null for SQLite.</param>
public sealed record StorageOptions(string DataDirectory, string? PostgresConnection = null)
{
    /// <summary>
    /// SQLite only. True (default): every commit is fsynced before it is acknowledged, so it survives
    /// power loss. False: WAL commits survive a crash of the process but not of the machine, and cost
    /// no fsync on the request path.
    /// </summary>
    public bool SqliteFullSync { get; init; } = true;

    /// <summary>The key-encryption key file; null for <c>TIERGATE_KEK</c> or <c>DATA/secrets/kek</c>.</summary>
    public string? KekFile { get; init; }

    public const string DefaultDataDirectory = "tiergate-data";

    public bool UsesPostgres => PostgresConnection is not null;

    public string SqlitePath => Path.Combine(DataDirectory, "tiergate.db");
}
