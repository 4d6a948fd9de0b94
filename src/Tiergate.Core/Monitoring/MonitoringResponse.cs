namespace Tiergate.Core.Monitoring;

/// <summary>One configured response: when <paramref name="Detector"/> fires, do <paramref name="Action"/>, at once (<paramref name="Automatic"/>) or once a reviewer confirms.</summary>
public sealed record MonitoringResponse(string Detector, ResponseAction Action, bool Automatic);
