using Tiergate.Corpus.Reporting;
using Tiergate.Corpus.Sharding;

namespace Tiergate.Corpus.Pipeline;

internal sealed class ParquetShardProcessor(FilterJob job, OutputLayout layout)
{
    public Task<ShardStats> ProcessAsync(Shard shard, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{shard.DisplayPath} {job.Threads} {layout.Root} {cancellationToken}");
}
