using System.CommandLine;
using Tiergate.Cli;
using Tiergate.Commands;

namespace Tiergate.Server.Tests.Deployment;

/// <summary>The real <c>tiergate</c> verbs the deployment files run (serve, migrate, users), to parse their command lines.</summary>
internal static class TiergateCommandLine
{
    private static readonly Lazy<RootCommand> Root = new(() =>
    {
        var root = new RootCommand("tiergate");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        return root;
    });

    /// <summary>Parses <paramref name="args"/> as the command would; the errors, none when every verb and flag is real and well formed.</summary>
    public static (ParseResult Result, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args)
    {
        var result = Root.Value.Parse([.. args], new ParserConfiguration { ResponseFileTokenReplacer = null });
        return (result, result.Errors.Select(e => e.Message).ToList());
    }

    /// <summary>The value of <paramref name="flag"/> in <paramref name="args"/>; fails when it is missing.</summary>
    public static string ValueOf(IReadOnlyList<string> args, string flag)
    {
        var at = args.ToList().IndexOf(flag);
        Assert.True(at >= 0 && at + 1 < args.Count, $"{flag} missing in: {string.Join(' ', args)}");
        return args[at + 1];
    }
}
