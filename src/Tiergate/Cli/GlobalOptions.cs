using System.CommandLine;
using Tiergate.Storage;

namespace Tiergate.Cli;

/// <summary>Options every verb accepts: where the data lives, which policy, and the output format.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> Data = new("--data")
    {
        Description = "Data directory (SQLite database, server secrets).",
        Recursive = true,
        DefaultValueFactory = _ => StorageOptions.DefaultDataDirectory,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Policy file (YAML). Without it, the built-in default policy (samples/tiergate.yaml) is used.",
        Recursive = true,
    };

    public static readonly Option<string?> Database = new("--database")
    {
        Description = "PostgreSQL connection string or postgresql:// URI; without it, SQLite in the data directory.",
        Recursive = true,
    };

    public static readonly Option<string> SqliteSync = new("--sqlite-sync")
    {
        Description = "SQLite commit durability: full (fsync every commit; survives power loss) or normal (survives a process crash only; faster).",
        Recursive = true,
        DefaultValueFactory = _ => "full",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print exactly one JSON object.",
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        SqliteSync.AcceptOnlyFromAmong("full", "normal");
        root.Options.Add(Data);
        root.Options.Add(Config);
        root.Options.Add(Database);
        root.Options.Add(SqliteSync);
        root.Options.Add(Json);
    }

    public static StorageOptions Storage(ParseResult result) =>
        new(result.GetValue(Data) ?? StorageOptions.DefaultDataDirectory, result.GetValue(Database))
        {
            SqliteFullSync = result.GetValue(SqliteSync) != "normal",
        };
}
