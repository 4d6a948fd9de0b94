using Tiergate.Storage.Tests.Support;

namespace Tiergate.Server.Tests.Infrastructure;

/// <summary>Every gateway test runs on both storage backends.</summary>
public static class Backends
{
    public static TheoryData<string> All => new() { TestStore.Sqlite, TestStore.Postgres };
}
