using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tiergate.Storage.Tests.Support;

/// <summary>Caps the SQLite file at its current size on every connection: the database is "full".</summary>
internal sealed class MaxPageCount : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var count = connection.CreateCommand();
        count.CommandText = "PRAGMA page_count";
        var pages = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await using var cap = connection.CreateCommand();
        cap.CommandText = $"PRAGMA max_page_count = {pages}";
        await cap.ExecuteNonQueryAsync(cancellationToken);
    }
}
