using Npgsql;
using Tiergate.Storage;
using Tiergate.Storage.Crypto;
using Tiergate.Storage.Secrets;

namespace Tiergate.Settings;

/// <summary>
/// <c>database</c>: PostgreSQL (a connection string) or SQLite in the data directory (none), and
/// SQLite's commit durability. The settings file never holds the password: it names a file
/// (<c>password_file</c>); a password in <c>--database</c> or <c>TIERGATE_DATABASE__CONNECTION</c> is accepted.
/// </summary>
/// <param name="Connection">The Npgsql connection string, password included; null for SQLite.</param>
public sealed record DatabaseSettings(string? Connection, bool SqliteFullSync)
{
    public static DatabaseSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connection = settings.Value("database:connection");
        var passwordFile = settings.Value("database:password_file");
        var sync = settings.Value("database:sqlite_sync");

        if (sync is not null && sync.Text is not ("full" or "normal"))
        {
            settings.Error(sync, $"must be full or normal, not '{sync.Text}'");
        }

        return new DatabaseSettings(ResolveConnection(settings, connection, passwordFile), sync?.Text != "normal");
    }

    private static string? ResolveConnection(SettingsReader settings, SettingValue? connection, SettingValue? passwordFile)
    {
        if (connection is null)
        {
            if (passwordFile is not null)
            {
                settings.Error(passwordFile, "needs database.connection (a password for which database?)");
            }

            return null;
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalise(connection.Text));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
        {
            // The value may hold a password: never echo it.
            settings.Error(connection, "not a PostgreSQL connection string (Host=...;Username=...;Database=...) or postgresql:// URI");
            return null;
        }

        var hasPassword = !string.IsNullOrEmpty(builder.Password);
        if (hasPassword && connection.Origin.Kind == SettingsSourceKind.File)
        {
            settings.Error(connection,
                "holds a password, and the settings file never holds secrets: put the password in an owner-only file named by database.password_file, " +
                "or give the whole connection string in TIERGATE_DATABASE__CONNECTION");
            return null;
        }

        if (passwordFile is null)
        {
            return builder.ConnectionString;
        }

        if (hasPassword)
        {
            settings.Error(passwordFile, $"the connection string ({connection.Origin.Description}) already holds a password; give it in one place");
            return null;
        }

        try
        {
            builder.Password = ProtectedFile.ReadExistingText(passwordFile.AsPath(), "database password");
            return builder.ConnectionString;
        }
        catch (CryptographicSetupException e)
        {
            settings.Error(passwordFile, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            settings.Error(passwordFile, $"cannot read the database password file: {e.Message}");
        }

        return null;
    }
}
