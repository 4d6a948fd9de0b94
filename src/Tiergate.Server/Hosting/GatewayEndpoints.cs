using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tiergate.Core.Errors;
using Tiergate.Server.Gateway;
using Tiergate.Server.Moderation;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Hosting;

/// <summary>
/// Maps the OpenAI-compatible API on a <c>/v1</c> route group. Its error handling and its fallback
/// (OpenAI-shaped 404 and 405) belong to the group, so other features map their own groups beside it.
/// </summary>
public static class GatewayEndpoints
{
    public const string Prefix = "/v1";

    // Paths with an endpoint (matched without case, as routing matches them): any other method on them is a 405, not a 404.
    private static readonly HashSet<string> Paths = new(StringComparer.OrdinalIgnoreCase) { Prefix + "/models", Prefix + "/chat/completions", Prefix + "/moderations" };

    public static RouteGroupBuilder MapTiergateGateway(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Fail at start, not on the first request, when the screening engine cannot load.
        endpoints.ServiceProvider.GetRequiredService<ContentScreening>();

        var group = endpoints.MapGroup(Prefix);
        group.MapGet("/models", context => context.RequestServices.GetRequiredService<ModelsEndpoint>().HandleAsync(context));
        group.MapPost("/chat/completions", context => context.RequestServices.GetRequiredService<ChatCompletionsEndpoint>().HandleAsync(context));
        group.MapPost("/moderations", context => context.RequestServices.GetRequiredService<ModerationsEndpoint>().HandleAsync(context));

        // Last in the group's order, any method: what no endpoint above takes.
        group.Map("/{**path}", context => Paths.Contains(context.Request.Path.Value ?? "")
                ? OpenAiError.WriteAsync(context, ErrorCodes.MethodNotAllowed, $"{context.Request.Method} is not allowed on {context.Request.Path}.")
                : OpenAiError.WriteAsync(context, ErrorCodes.RouteNotFound, $"No endpoint at {context.Request.Path}."))
            .WithOrder(int.MaxValue);

        // Applied after every other convention, when each endpoint's delegate is final.
        ((IEndpointConventionBuilder)group).Finally(builder =>
        {
            if (builder.RequestDelegate is { } next)
            {
                builder.RequestDelegate = GatewayErrorBoundary.Wrap(next);
            }
        });
        return group;
    }
}
