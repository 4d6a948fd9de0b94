using System.CommandLine;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;

namespace Tiergate.Cli;

/// <summary>Runs one administrative action with the shared set-up and error reporting.</summary>
internal static class AdminVerb
{
    public static async Task<int> RunAsync(ParseResult result, Func<CliContext, Output, Task<int>> action, CancellationToken cancellationToken)
    {
        var output = new Output(result.GetValue(GlobalOptions.Json));
        var (context, exit) = await CliContext.OpenAsync(result, output, cancellationToken);
        if (context is null)
        {
            return exit;
        }

        await using (context)
        {
            try
            {
                return await action(context, output);
            }
            catch (TiergateException e)
            {
                return output.Failure(e.Code, e.Message);
            }
            catch (AuditUnavailableException e)
            {
                return output.Failure(ErrorCodes.AuditUnavailable, e.Message);
            }
        }
    }
}
