using System.CommandLine;
using Tiergate.Settings;
using Tiergate.Storage;

namespace Tiergate.Cli;

/// <summary>Options every verb accepts: where the data lives, which policy, the deployment settings, and the output format.</summary>
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

    public static readonly Option<string?> Settings = new("--settings")
    {
        Description = "Deployment settings file (YAML: data, database, secrets, server). TIERGATE_ variables and flags override it; see docs/configuration.md.",
        Recursive = true,
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
        root.Options.Add(Settings);
        root.Options.Add(Json);
    }

    /// <summary>
    /// The deployment settings: flags given on this command line, then <c>TIERGATE_</c> variables,
    /// then the <c>--settings</c> file, then defaults. Throws <see cref="SettingsInvalidException"/> with every error.
    /// </summary>
    /// <param name="commandFlags">A verb's own settings flags (<c>serve --urls</c>).</param>
    public static DeploymentSettings Deployment(ParseResult result, params SettingsFlag?[] commandFlags)
    {
        SettingsFlag?[] flags =
        [
            Given(result, Data, "data"),
            Given(result, Database, "database:connection"),
            Given(result, SqliteSync, "database:sqlite_sync"),
            .. commandFlags,
        ];
        var loaded = DeploymentSettingsLoader.Load(result.GetValue(Settings), [.. flags.OfType<SettingsFlag>()]);
        return loaded.Settings ?? throw new SettingsInvalidException(loaded.Errors);
    }

    public static StorageOptions Storage(ParseResult result) => Deployment(result).Storage;

    /// <summary>The flag as a settings source, or null when it was not typed (its default then loses to the variables and the file).</summary>
    public static SettingsFlag? Given<T>(ParseResult result, Option<T> option, string key)
    {
        if (result.GetResult(option) is not { Implicit: false })
        {
            return null;
        }

        return result.GetValue(option) switch
        {
            string value => new SettingsFlag(key, option.Name, [value]),
            string[] values => new SettingsFlag(key, option.Name, values),
            _ => null,
        };
    }
}
