using Tiergate.Corpus.Json;
using Tiergate.Corpus.Sidecar;
using Tiergate.Corpus.Tagging;

namespace Tiergate.Corpus.Pipeline;

/// <summary>Everything one worker thread reuses from batch to batch and shard to shard.</summary>
internal sealed class WorkerState : IDisposable
{
    public WorkerState(FilterJob job)
    {
        Extractor = new TextFieldExtractor(job.TextField, job.IdField);
        Cascade = job.Cascade?.CreateWorker();
        Replay = job.SidecarSource is null ? null : new SidecarEvidence(job.Stages);
        Router = new DocumentRouter(job.Stages, job.OutputCompression, job.ZstdLevel, job.WriteDocuments);
    }

    public TextFieldExtractor Extractor { get; }

    public CascadeWorker? Cascade { get; }

    public SidecarEvidence? Replay { get; }

    public DocumentRouter Router { get; }

    public void Dispose() => Router.Dispose();
}
