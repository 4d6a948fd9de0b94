using Parquet;
using Parquet.Schema;
using Tiergate.Corpus.Pipeline;
using Tiergate.Testing.Corpus;

namespace Tiergate.Corpus.Tests;

public sealed class ParquetFilterTests
{
    [Fact]
    public async Task RunAsync_ParquetInput_SplitsRowsIntoKeptAndRemovedParquetWithAllColumns()
    {
        using var corpus = new TestCorpus();
        var id = new DataField<string>("id");
        var text = new DataField<string>("text");
        var year = new DataField<int>("year");
        var weight = new DataField<double?>("weight");
        var schema = new ParquetSchema(id, text, year, weight);
        var path = Path.Combine(corpus.Root, "p.parquet");
        await using (var file = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, file);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(id, new[] { "a", "b", "c" }, null);
            await group.WriteAsync(text, new[] { "bread", "ricin and sarin", "anthrax" }, null);
            await group.WriteAsync(year, (ReadOnlyMemory<int>)new[] { 2001, 2002, 2003 }, null, null, CancellationToken.None);
            await group.WriteAsync<double>(weight, new double?[] { 1.5, null, 3.5 }, null, null, CancellationToken.None);
            group.CompleteValidate();
        }

        var job = FilterJobFactory.Create(new FilterRequest { Inputs = [path], Output = corpus.Output, Blocklist = corpus.Blocklist, MinTerms = 2 }, _ => null);
        var report = await new FilterRunner(TimeProvider.System).RunAsync(job, null, CancellationToken.None);

        Assert.Empty(report.Totals.BadInputs.Select(b => b.Detail));
        Assert.Equal((3L, 1L), (report.Totals.DocumentsIn, report.Totals.Removed));
        await using var removedFile = File.OpenRead(Path.Combine(corpus.Output, "removed", "p.parquet"));
        await using var reader = await ParquetReader.CreateAsync(removedFile);
        using var rows = reader.OpenRowGroupReader(0);
        var years = new int[rows.RowCount];
        await rows.ReadAsync(year, years.AsMemory(), null, CancellationToken.None);
        Assert.Equal([2002], years);
        await using var keptFile = File.OpenRead(Path.Combine(corpus.Output, "kept", "p.parquet"));
        await using var keptReader = await ParquetReader.CreateAsync(keptFile);
        using var keptRows = keptReader.OpenRowGroupReader(0);
        var weights = new double?[keptRows.RowCount];
        await keptRows.ReadAsync(weight, weights.AsMemory(), null, CancellationToken.None);
        Assert.Equal([1.5, 3.5], weights);
    }
}
