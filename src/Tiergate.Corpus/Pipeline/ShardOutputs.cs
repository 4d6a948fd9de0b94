using System.IO.Compression;
using Tiergate.Corpus.Formats;
using Tiergate.Corpus.Sharding;

namespace Tiergate.Corpus.Pipeline;

/// <summary>
/// The files of one shard, written under <c>.partial/</c> and moved into place only by
/// <see cref="Commit"/>. Document files are created on first write, so a shard with nothing
/// removed has no removed file; the sidecar always exists.
/// </summary>
internal sealed class ShardOutputs : IDisposable
{
    // Outputs bypass the page cache where they can (DirectFileStream). Through the page cache,
    // flushing to disk every so often lets the disk write while the workers compute; otherwise the
    // whole file (hundreds of MB) is written back by the fsync in Commit, with both cores idle.
    private const long SyncEveryBytes = 64L << 20;

    private readonly OutputLayout _layout;
    private readonly Target[] _targets;

    public ShardOutputs(OutputLayout layout, Shard shard, CompressionKind compression, bool writeDocuments)
    {
        _layout = layout;
        var targets = new List<Target>();
        if (writeDocuments)
        {
            targets.Add(new Target(layout.DocumentFile(layout.Kept, shard, compression), compression == CompressionKind.Gzip));
            targets.Add(new Target(layout.DocumentFile(layout.Removed, shard, compression), compression == CompressionKind.Gzip));
            targets.Add(new Target(layout.DocumentFile(layout.Invalid, shard, compression), compression == CompressionKind.Gzip));
        }

        targets.Add(new Target(layout.SidecarFile(shard), false) { Always = true });
        _targets = [.. targets];
        RemoveStale();
    }

    public void Write(BatchOutput batch)
    {
        if (_targets.Length == 4)
        {
            Append(_targets[0], batch.Kept);
            Append(_targets[1], batch.Removed);
            Append(_targets[2], batch.Invalid);
        }

        Append(_targets[^1], batch.Sidecar);
    }

    /// <summary>Flushes to disk and moves every file into place; returns the final paths (relative to the output root).</summary>
    public IReadOnlyList<string> Commit()
    {
        var committed = new List<string>();
        foreach (var target in _targets)
        {
            if (target.Stream is null && target.Always)
            {
                Open(target);
            }

            if (target.Stream is null)
            {
                continue;
            }

            target.Close();
            File.Move(target.TempPath(_layout), target.FinalPath, overwrite: true);
            committed.Add(Path.GetRelativePath(_layout.Root, target.FinalPath).Replace('\\', '/'));
        }

        return committed;
    }

    public void Dispose()
    {
        foreach (var target in _targets)
        {
            target.Dispose();
        }
    }

    private void Append(Target target, PooledBytes bytes)
    {
        if (bytes.Length == 0)
        {
            return;
        }

        if (target.Stream is null)
        {
            Open(target);
        }

        target.Stream!.Write(bytes.Span);
        target.Unsynced += bytes.Length;
        if (target.Unsynced >= SyncEveryBytes && target.File is FileStream buffered)
        {
            buffered.Flush(flushToDisk: true);
            target.Unsynced = 0;
        }
    }

    private void Open(Target target)
    {
        target.File = DirectFileStream.Create(target.TempPath(_layout), 1 << 20);
        target.Stream = target.Gzip ? new GZipStream(target.File, CompressionLevel.Fastest, leaveOpen: true) : target.File;
    }

    private void RemoveStale()
    {
        // Without a done marker, anything of this shard already in place is from an interrupted run.
        foreach (var target in _targets)
        {
            File.Delete(target.TempPath(_layout));
            File.Delete(target.FinalPath);
        }
    }

    private sealed class Target(string finalPath, bool gzip) : IDisposable
    {
        public string FinalPath { get; } = finalPath;

        public bool Gzip { get; } = gzip;

        public bool Always { get; init; }

        /// <summary>A <see cref="DirectFileStream"/>, or a FileStream where O_DIRECT is not available.</summary>
        public Stream? File { get; set; }

        public Stream? Stream { get; set; }

        public long Unsynced { get; set; }

        public string TempPath(OutputLayout layout) =>
            Path.Combine(layout.Partial, Path.GetFileName(Path.GetDirectoryName(FinalPath)) + "__" + Path.GetFileName(FinalPath));

        public void Close()
        {
            if (Stream is not null && !ReferenceEquals(Stream, File))
            {
                Stream.Dispose();
            }

            if (File is DirectFileStream direct)
            {
                direct.Flush(flushToDisk: true);
            }
            else
            {
                (File as FileStream)?.Flush(flushToDisk: true);
            }

            File?.Dispose();
            Stream = null;
            File = null;
        }

        public void Dispose()
        {
            if (Stream is not null && !ReferenceEquals(Stream, File))
            {
                Stream.Dispose();
            }

            File?.Dispose();
        }
    }
}
