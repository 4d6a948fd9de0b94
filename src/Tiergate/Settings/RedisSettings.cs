namespace Tiergate.Settings;

/// <summary>
/// <c>redis</c>: the Redis that several gateways share their usage counters through (StackExchange.Redis form,
/// <c>host:6379,ssl=true</c>). None: each gateway counts in its own memory (one gateway per database).
/// As with the database, the settings file never holds the password: <c>password_file</c> names a file.
/// </summary>
/// <param name="Connection">The connection string, password included; null: no Redis.</param>
public sealed record RedisSettings(string? Connection)
{
    public static readonly RedisSettings None = new((string?)null);

    public static RedisSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connection = settings.Value("redis:connection");
        var passwordFile = settings.Value("redis:password_file");
        if (connection is null)
        {
            if (passwordFile is not null)
            {
                settings.Error(passwordFile, "needs redis.connection (a password for which server?)");
            }

            return None;
        }

        StackExchange.Redis.ConfigurationOptions options;
        try
        {
            options = StackExchange.Redis.ConfigurationOptions.Parse(connection.Text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // The value may hold a password: never echo it.
            settings.Error(connection, "not a Redis connection string (host:6379[,ssl=true][,user=...])");
            return None;
        }

        if (options.EndPoints.Count == 0)
        {
            settings.Error(connection, "names no Redis server (host:6379)");
            return None;
        }

        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (hasPassword && connection.Origin.Kind == SettingsSourceKind.File)
        {
            settings.Error(connection,
                "holds a password, and the settings file never holds secrets: put it in an owner-only file named by redis.password_file, " +
                "or give the whole connection string in TIERGATE_REDIS__CONNECTION");
            return None;
        }

        if (passwordFile is null)
        {
            return new RedisSettings(connection.Text);
        }

        if (hasPassword)
        {
            settings.Error(passwordFile, $"the connection string ({connection.Origin.Description}) already holds a password; give it in one place");
            return None;
        }

        try
        {
            options.Password = Tiergate.Storage.Secrets.ProtectedFile.ReadExistingText(passwordFile.AsPath(), "Redis password");
            return new RedisSettings(options.ToString(includePassword: true));
        }
        catch (Tiergate.Storage.Crypto.CryptographicSetupException e)
        {
            settings.Error(passwordFile, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            settings.Error(passwordFile, $"cannot read the Redis password file: {e.Message}");
        }

        return None;
    }
}
