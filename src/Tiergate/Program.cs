using System.CommandLine;
using Tiergate.Cli;
using Tiergate.Commands;
using Tiergate.Core.Errors;
using Tiergate.Settings;

var root = new RootCommand("Tiergate: tiered access to model variants behind an OpenAI-compatible gateway.");
GlobalOptions.AddTo(root);
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(PolicyCommand.Create());
root.Subcommands.Add(UsersCommand.Create());
root.Subcommands.Add(GrantsCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(ApplicationsCommand.Create());
root.Subcommands.Add(AlertsCommand.Create());
root.Subcommands.Add(MonitorCommand.Create());
root.Subcommands.Add(ResponsesCommand.Create());
root.Subcommands.Add(AuditCommand.Create(GlobalOptions.Storage));
root.Subcommands.Add(CryptoCommand.Create(GlobalOptions.Storage, (database, ring) => () => database.CreateContext(ring)));
root.Subcommands.Add(ClassifierCommand.Create());
root.Subcommands.Add(SafeguardsCommand.Create());
root.Subcommands.Add(FilterCommand.Create());
root.Subcommands.Add(ErrorCodesCommand.Create());

// No response files: "@FILE" in an argument would read any file the operator can read into a stored field
// (--name @DATA/secrets/pepper stored and printed the pepper). Arguments are taken as written.
var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
if (parsed.Errors.Count > 0 && parsed.GetValue(GlobalOptions.Json))
{
    // --json promises exactly one JSON object, a mistyped command line included.
    return new Output(true).Failure(ErrorCodes.InvalidArgument, "The command line has errors.", parsed.Errors.Select(error => error.Message).ToList());
}

try
{
    // Settings errors reach here from whichever verb first resolves the settings, and are reported once, all of them.
    var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
    if (ServeCommand.HandlesItsOwnSignals(parsed))
    {
        invocation.ProcessTerminationTimeout = null;
    }

    return await parsed.InvokeAsync(invocation);
}
catch (SettingsInvalidException e)
{
    return new Output(parsed.GetValue(GlobalOptions.Json)).Failure(ErrorCodes.SettingsInvalid, e.Message, e.Errors.Select(error => error.ToString()).ToList());
}
catch (Exception e)
{
    // What System.CommandLine's default handler does with any other failure: exit 1, cancellation silently.
    if (e is not OperationCanceledException)
    {
        Console.Error.WriteLine($"Unhandled exception: {e}");
    }

    return 1;
}
