using Tiergate.Core.Policy;
using Tiergate.Storage;

namespace Tiergate.Server.Hosting;

/// <summary>Everything the server is composed from; the CLI builds it from flags, tests build it directly.</summary>
public sealed record ServerOptions(StorageOptions Storage, PolicyDocument Policy, IReadOnlyList<string> Urls)
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Addresses or CIDR blocks of reverse proxies whose X-Forwarded-For is believed; empty: none is.</summary>
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];

    /// <summary>GeoIP databases for the place-based detectors; null: none (those detectors are off, and say so).</summary>
    public Tiergate.Monitoring.Places.PlaceOptions? Places { get; init; }

    /// <summary>False: no detectors run (events are still published and traffic counted); for measuring what monitoring costs.</summary>
    public bool Detectors { get; init; } = true;

    /// <summary>Scheduled audit retention (settings <c>audit: { keep, archive_dir }</c>); null: records are kept until archived by hand.</summary>
    public Tiergate.Server.Retention.AuditRetentionOptions? AuditRetention { get; init; }

    /// <summary>How often each tier's <c>retention</c> (usage events, alerts) is applied: audit retention's interval when it is set.</summary>
    public TimeSpan RetentionInterval { get; init; } = DefaultRetentionInterval;

    public static readonly TimeSpan DefaultRetentionInterval = TimeSpan.FromHours(1);

    /// <summary>Redis connection (StackExchange.Redis form) for usage counters shared by several instances; null: in-process counters.</summary>
    public string? Redis { get; init; }

    /// <summary>After SIGTERM, how long requests in flight may run on before they are cut (settings <c>server.shutdown_timeout</c>).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = Tiergate.Server.Shutdown.ShutdownDrain.DefaultTimeout;

    /// <summary>
    /// The file the policy came from (<c>serve --config</c>): applied to the database at start when its hash differs from the
    /// newest stored version, and re-read on SIGHUP; null: the newest stored version, else <see cref="Policy"/>. How often the
    /// newest stored version is checked.
    /// </summary>
    public Tiergate.Server.Policies.PolicySourceOptions PolicySource { get; init; } = new(null, Tiergate.Server.Policies.PolicySourceOptions.DefaultPollInterval);

    /// <summary>Metrics listener, OTLP export and log format (settings <c>telemetry</c>, <c>logging</c>); none by default.</summary>
    public Tiergate.Server.Telemetry.TelemetryOptions Telemetry { get; init; } = Tiergate.Server.Telemetry.TelemetryOptions.None;

    /// <summary>The source text of <see cref="Policy"/> (the file's, or the built-in default's), for its hash; null: a policy given as an object.</summary>
    public string? PolicyText { get; init; }
}
