using System.CommandLine;
using Tiergate.Catalogue;

namespace Tiergate.Commands;

/// <summary><c>tiergate error-codes</c> (hidden): prints docs/error-codes.md as generated from every project's code list.</summary>
internal static class ErrorCodesCommand
{
    public static Command Create()
    {
        var command = new Command("error-codes", "Print the error code catalogue (docs/error-codes.md) as Markdown.") { Hidden = true };
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(ErrorCatalogueMarkdown.Render());
            return 0;
        });
        return command;
    }
}
