namespace Tiergate.Corpus.Formats;

public enum CorpusFormat
{
    Jsonl,
    Parquet,
}
