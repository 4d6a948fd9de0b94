namespace Tiergate.BrowserTests.Infrastructure;

/// <summary>
/// The browser tests' one collection: they share a Chromium and run one after another (the machines
/// have two cores; a journey is a sequence anyway). Put <c>[Collection(BrowserCollection.Name)]</c>
/// on every class deriving from <see cref="BrowserTest"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Chromium";
}
