namespace Tiergate.Core.Monitoring;

/// <summary>The policy's and the CLI's names for <see cref="ResponseAction"/>.</summary>
public static class ResponseNames
{
    public static readonly IReadOnlyDictionary<string, ResponseAction> Actions = new Dictionary<string, ResponseAction>(StringComparer.Ordinal)
    {
        ["notify"] = ResponseAction.Notify,
        ["throttle"] = ResponseAction.Throttle,
        ["require-reauth"] = ResponseAction.RequireReauth,
        ["fallback"] = ResponseAction.Fallback,
        ["suspend-key"] = ResponseAction.SuspendKey,
        ["suspend-grant"] = ResponseAction.SuspendGrant,
    };

    public static string Of(ResponseAction action) => Actions.First(a => a.Value == action).Key;
}
