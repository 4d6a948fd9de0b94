using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tiergate.Storage.Crypto;

/// <summary>Caches one model per (context type, key ring) so each ring's converters stay its own.</summary>
public sealed class KeyRingModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as IKeyRingContext)?.KeyRing, designTime);
}
