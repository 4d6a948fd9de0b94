using System.CommandLine;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;

namespace Tiergate.Cli;

/// <summary>Runs one administrative action with the shared set-up and error reporting.</summary>
internal static class AdminVerb
{
    /// <param name="createDatabase">Whether this verb may create the database (only <c>users add</c>); see <see cref="CliContext.OpenAsync"/>.</param>
    public static async Task<int> RunAsync(ParseResult result, Func<CliContext, Output, Task<int>> action, CancellationToken cancellationToken, bool createDatabase = false)
    {
        var output = new Output(result.GetValue(GlobalOptions.Json));
        var (context, exit) = await CliContext.OpenAsync(result, output, createDatabase, cancellationToken);
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
