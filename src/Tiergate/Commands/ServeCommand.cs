using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Tiergate.Cli;
using Tiergate.Core.Errors;
using Tiergate.Server.Hosting;
using Tiergate.Storage;

namespace Tiergate.Commands;

/// <summary><c>tiergate serve</c>: the gateway on the configured policy and data.</summary>
internal static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static Command Create()
    {
        var urls = new Option<string[]>("--urls") { Description = $"Address(es) to listen on (default {DefaultUrl})." };
        var serve = new Command("serve", "Run the OpenAI-compatible gateway.") { urls };
        serve.SetAction(async (result, ct) =>
        {
            var output = new Output(false);
            var policy = CliContext.LoadPolicy(result);
            if (!policy.IsValid)
            {
                return output.Failure(ErrorCodes.PolicyInvalid, "The policy has errors.", policy.Errors.Select(e => e.ToString()).ToList());
            }

            var storage = GlobalOptions.Storage(result);
            try
            {
                await TiergateDatabase.Open(storage).MigrateAsync(ct);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                return output.Failure(ErrorCodes.StorageUnavailable, $"Cannot open the database: {e.Message}");
            }

            var listen = result.GetValue(urls) is { Length: > 0 } given ? given : [DefaultUrl];
            await using var app = TiergateServer.Build(new ServerOptions(storage, policy.Policy!, listen));
            await app.StartAsync(ct);
            var where = storage.UsesPostgres ? "PostgreSQL" : storage.SqlitePath;
            var config = result.GetValue(GlobalOptions.Config) ?? DefaultPolicy.Name;
            Console.Out.WriteLine($"Tiergate listening on {string.Join(", ", app.Urls)} (policy: {config}; data: {where})");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return serve;
    }
}
