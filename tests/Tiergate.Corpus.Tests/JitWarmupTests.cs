using Tiergate.Corpus.Pipeline;

namespace Tiergate.Corpus.Tests;

public sealed class JitWarmupTests
{
    [Fact]
    public void Run_MadeUpBatch_GoesThroughTheWholeDocumentPath()
    {
        // The background warm-up swallows its failures; this is where a broken one shows.
        var stats = JitWarmup.Run();

        Assert.Equal(3, stats.DocumentsIn);
        Assert.Equal(1, stats.Kept);
        Assert.Equal(1, stats.Removed);
        Assert.Equal(1, stats.Invalid);
    }
}
