namespace Tiergate.Core.Policy;

internal static class AcceptableUsePolicyReader
{
    public static AcceptableUsePolicy? Read(YamlFields f)
    {
        var id = f.String("id", required: true);
        var version = f.String("version", required: true);
        var permitted = f.Strings("permitted");
        var prohibited = f.Strings("prohibited");
        var threatModel = f.String("threat_model", required: true);
        var rationale = f.String("rationale", required: true);
        if (prohibited.Count == 0)
        {
            f.Error(f.Child("prohibited"), "at least one prohibited use is required", null);
        }

        return id is null || version is null || threatModel is null || rationale is null
            ? null
            : new AcceptableUsePolicy(id, version, permitted, prohibited, threatModel, rationale);
    }
}
