// The baseline proxy: YARP forwarding every request to the upstream with no checks at all.
using Yarp.ReverseProxy.Configuration;

var port = args.Length > 0 ? args[0] : "9102";
var upstream = args.Length > 1 ? args[1] : "http://127.0.0.1:9101/";
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.ClearProviders();
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "upstream", Match = new RouteMatch { Path = "{**catch-all}" } }],
    [new ClusterConfig { ClusterId = "upstream", Destinations = new Dictionary<string, DestinationConfig> { ["one"] = new() { Address = upstream } } }]);
var app = builder.Build();
app.MapReverseProxy();
app.Run();
