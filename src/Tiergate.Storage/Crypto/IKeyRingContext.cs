namespace Tiergate.Storage.Crypto;

/// <summary>
/// A context whose model encrypts columns with a <see cref="KeyRing"/>. The ring is captured by the
/// value converters when the model is built, so the model must be cached per ring: register
/// <see cref="KeyRingModelCacheKeyFactory"/> with <c>ReplaceService&lt;IModelCacheKeyFactory, KeyRingModelCacheKeyFactory&gt;()</c>.
/// </summary>
public interface IKeyRingContext
{
    KeyRing? KeyRing { get; }
}
