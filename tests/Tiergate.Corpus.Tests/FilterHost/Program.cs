using System.CommandLine;
using Tiergate.Commands;

var root = new RootCommand("tiergate (filter only, test host)") { FilterCommand.Create() };
return await root.Parse(args).InvokeAsync();
