using System.CommandLine;
using System.Net;
using Tiergate.Cli;
using Tiergate.Core.Errors;
using Tiergate.Monitoring.Detectors;
using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Places;
using Tiergate.Monitoring.Replay;
using Tiergate.Server.Events;

namespace Tiergate.Commands;

/// <summary><c>tiergate monitor replay FILE</c>: runs a recorded or simulated event stream through the detectors offline and prints the alerts, to tune thresholds.</summary>
internal static class MonitorCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "JSON lines, one usage event each, in time order (docs/monitoring.md#replay); '-' reads standard input." };
        var geoip = new Option<string?>("--geoip-dir") { Description = "Look up events without a place on the line by 'ip' in this folder's GeoIP databases (default: scripts/setup-geoip's folder, if present)." };
        var replay = new Command("replay", "Feed an event stream through the detectors (with the policy's tier thresholds) and print the alerts; stores nothing.") { file, geoip };
        replay.SetAction(result =>
        {
            var output = new Output(result.GetValue(GlobalOptions.Json));
            var loaded = CliContext.LoadPolicy(result);
            if (!loaded.IsValid)
            {
                return output.Failure(ErrorCodes.PolicyInvalid, "The policy has errors.", loaded.Errors.Select(e => e.ToString()).ToList());
            }

            var path = result.GetValue(file)!;
            if (path != "-" && !File.Exists(path))
            {
                return output.Failure(ErrorCodes.InvalidArgument, $"No file '{path}'.");
            }

            var directory = result.GetValue(geoip) ?? PlaceOptions.DefaultDirectory();
            using var lookup = new PlaceLookup(new PlaceOptions(Path.Combine(directory, PlaceOptions.CountryFileName), directory));
            var policy = loaded.Policy!;
            var engine = new MonitorEngine(policy);
            var detections = new List<Detection>();
            var events = 0L;
            try
            {
                using var reader = path == "-" ? new StreamReader(System.Console.OpenStandardInput()) : new StreamReader(path);
                foreach (var line in ReplayReader.Read(reader))
                {
                    events++;
                    var e = line.Event;
                    var privacy = e.Tier is { } t && policy.TiersByName.TryGetValue(t, out var tier) ? tier.Monitoring.Privacy : Core.Policy.PrivacyMode.MetadataOnly;
                    if (line.Prompt is { } prompt && UsageEventPrivacy.AllowsSketch(privacy))
                    {
                        e = e with { Sketch = PromptSketcher.Of(prompt) };
                    }

                    var place = line.Place ?? (lookup.Available && e.ClientAddress is { } a && IPAddress.TryParse(a, out var ip) ? lookup.Lookup(ip) : null);
                    engine.Observe(e with { Privacy = privacy }, place, detections);
                }
            }
            catch (ReplayFormatException e)
            {
                return output.Failure(ErrorCodes.InvalidArgument, $"{path}: {e.Message}");
            }

            var places = lookup.Available ? "lines, else GeoIP by address" : $"lines only (GeoIP off: {lookup.UnavailableReason})";
            var text = detections.Count == 0
                ? $"{events} events, no alerts. Places: {places}."
                : string.Join(Environment.NewLine, detections.Select(d => $"{d.At:yyyy-MM-dd HH:mm:ss}Z  {d.Severity,-6} {d.Detector,-18} user {d.UserId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}  {d.Tier}  {d.Evidence.GetValueOrDefault("seen") ?? d.Evidence.GetValueOrDefault("to") ?? ""}"))
                  + $"{Environment.NewLine}{events} events, {detections.Count} alerts. Places: {places}.";
            return output.Success(new { events, places, alerts = detections.Select(Json) }, text);
        });
        return new Command("monitor", "Misuse monitoring offline.") { replay };
    }

    private static object Json(Detection d) => new
    {
        detector = d.Detector,
        user = d.UserId,
        key = d.KeyId,
        tier = d.Tier,
        severity = d.Severity.ToString().ToLowerInvariant(),
        at = d.At,
        masked = d.Masked,
        evidence = d.Evidence,
    };
}
