using System.CommandLine;
using Tiergate.Cli;
using Tiergate.Commands;

var root = new RootCommand("Tiergate: tiered access to model variants behind an OpenAI-compatible gateway.");
GlobalOptions.AddTo(root);
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(PolicyCommand.Create());
root.Subcommands.Add(UsersCommand.Create());
root.Subcommands.Add(GrantsCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(AuditCommand.Create(GlobalOptions.Storage));
root.Subcommands.Add(CryptoCommand.Create(GlobalOptions.Storage, (database, ring) => () => database.CreateContext(ring)));
root.Subcommands.Add(ClassifierCommand.Create());
root.Subcommands.Add(FilterCommand.Create());
root.Subcommands.Add(ErrorCodesCommand.Create());
return await root.Parse(args).InvokeAsync();
