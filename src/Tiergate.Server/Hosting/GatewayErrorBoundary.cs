using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiergate.Core.Errors;
using Tiergate.Server.Gateway;

namespace Tiergate.Server.Hosting;

/// <summary>
/// The gateway's last line, wrapped around each endpoint of its route group only (other groups, such
/// as a console, keep their own error pages): a malformed HTTP request is the client's mistake (400);
/// anything else unexpected is a 500 in OpenAI's shape without internals, logged without request content.
/// </summary>
internal static partial class GatewayErrorBoundary
{
    public static RequestDelegate Wrap(RequestDelegate next) => async context =>
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e)
        {
            await OpenAiError.WriteAsync(context, e.StatusCode == 413 ? ErrorCodes.RequestTooLarge : ErrorCodes.InvalidRequest, "The HTTP request is malformed.");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; there is no one to answer.
        }
        catch (Exception e)
        {
            // The stack, never the message: messages can quote request content.
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayErrorBoundary).FullName!);
            LogUnhandled(logger, e.GetType().FullName ?? "?", context.Request.Path.Value ?? "", e.StackTrace ?? "");
            await OpenAiError.WriteAsync(context, ErrorCodes.InternalError, "Tiergate failed unexpectedly; the server log has details.");
        }
    };

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} on {Path}\n{StackTrace}")]
    private static partial void LogUnhandled(ILogger logger, string exceptionType, string path, string stackTrace);
}
