using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tiergate.Core.Errors;
using Tiergate.Server.Gateway;

namespace Tiergate.Server.Shutdown;

/// <summary>Puts every request under the <see cref="ShutdownDrain"/>, and starts draining when the host begins to stop.</summary>
public static class ShutdownDrainMiddleware
{
    public static void UseShutdownDrain(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var drain = app.Services.GetRequiredService<ShutdownDrain>();

        // ApplicationStopping fires (SIGTERM, SIGINT, StopApplication) before Kestrel stops listening.
        app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(drain.Begin);
        app.Use(async (context, next) =>
        {
            if (drain.IsDraining && !IsProbe(context.Request.Path))
            {
                // Refused before any work: safe for a load balancer or client to retry on another instance.
                context.Response.Headers.Connection = "close";
                await OpenAiError.WriteAsync(context, ErrorCodes.ShuttingDown, "This instance is shutting down and takes no new requests; retry (another instance will answer).", TimeSpan.FromSeconds(1));
                return;
            }

            using (drain.Enter(context.Abort))
            {
                await next(context);
            }
        });
    }

    /// <summary>The probes still answer while draining: <c>/readyz</c> to say so, <c>/healthz</c> so the process is not killed early.</summary>
    private static bool IsProbe(PathString path) =>
        path.Equals("/readyz", StringComparison.OrdinalIgnoreCase) || path.Equals("/healthz", StringComparison.OrdinalIgnoreCase);
}
