using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage.Monitoring;

/// <summary>Detector state by subject (<c>user:17</c>, <c>key:…</c>), encrypted at rest, so that detectors survive a restart.</summary>
public sealed class MonitorStateStore(TiergateDatabase database, TimeProvider time)
{
    public async Task<string?> LoadAsync(string subject, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Set<MonitorStateEntity>().AsNoTracking().Where(s => s.Subject == subject).Select(s => s.Data).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Writes each subject's latest state in one transaction (insert or replace).</summary>
    public async Task SaveAsync(IReadOnlyList<(string Subject, string Data)> states, CancellationToken cancellationToken = default)
    {
        if (states.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        await using var db = database.CreateContext();
        var subjects = states.Select(s => s.Subject).ToList();
        var existing = await db.Set<MonitorStateEntity>().Where(s => subjects.Contains(s.Subject)).ToDictionaryAsync(s => s.Subject, StringComparer.Ordinal, cancellationToken);
        foreach (var (subject, data) in states)
        {
            if (existing.TryGetValue(subject, out var row))
            {
                row.Data = data;
                row.UpdatedAt = now;
            }
            else
            {
                db.Add(new MonitorStateEntity { Subject = subject, Data = data, UpdatedAt = now });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
