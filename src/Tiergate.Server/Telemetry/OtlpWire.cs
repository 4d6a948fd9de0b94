namespace Tiergate.Server.Telemetry;

/// <summary>How metrics and traces travel to an OTLP collector.</summary>
public enum OtlpWire
{
    Grpc,
    HttpProtobuf,
}
