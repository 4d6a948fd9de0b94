using Tiergate.Testing.Storage;

namespace Tiergate.Testing.Gateway;

/// <summary>Every gateway test runs on both storage backends.</summary>
public static class Backends
{
    public static TheoryData<string> All => new() { TestStore.Sqlite, TestStore.Postgres };
}
