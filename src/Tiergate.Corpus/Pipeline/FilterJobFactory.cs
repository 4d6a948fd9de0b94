using Tiergate.Corpus.Formats;
using Tiergate.Corpus.Json;
using Tiergate.Corpus.Reporting;
using Tiergate.Corpus.Sharding;
using Tiergate.Corpus.Spec;
using Tiergate.Corpus.Tagging;

namespace Tiergate.Corpus.Pipeline;

/// <summary>Validates a <see cref="FilterRequest"/> as a whole and builds the job; every error is reported at once.</summary>
public static class FilterJobFactory
{
    public static FilterJob Create(FilterRequest request, Func<string, string?> environment)
    {
        JitWarmup.Start(); // on the core that building the stages leaves idle
        var errors = new List<string>();
        if (!RankSelection.TryResolve(request.Rank, request.WorldSize, environment, out var rank, out var rankError))
        {
            errors.Add($"--rank/--world-size: {rankError}");
        }

        if (request.Threads is < 1)
        {
            errors.Add($"--threads: must be at least 1 (was {request.Threads})");
        }

        if (request.ZstdLevel is < 1 or > 22)
        {
            errors.Add($"--zstd-level: must be within 1..22 (was {request.ZstdLevel})");
        }

        if (request.MaxLineBytes is < 1 or > LineBatchReader.MaxMaxLineBytes)
        {
            errors.Add($"--max-line-bytes: must be within 1..{LineBatchReader.MaxMaxLineBytes} (was {request.MaxLineBytes})");
        }

        var job = request.FromSidecar is null ? FromScan(request, errors) : FromSidecar(request, errors);
        if (errors.Count > 0 || job is null)
        {
            throw new FilterConfigurationException(FilterErrorCodes.InvalidOptions, errors);
        }

        return job with
        {
            Rank = rank,
            Threads = request.Threads ?? Environment.ProcessorCount,
            OutputCompression = request.Compression,
            ZstdLevel = request.ZstdLevel,
            SplitBytes = request.SplitBytes,
            MaxLineBytes = job.SidecarSource is null ? request.MaxLineBytes : job.MaxLineBytes,
            WriteDocuments = !request.TagOnly,
        };
    }

    private static FilterJob? FromScan(FilterRequest request, List<string> errors)
    {
        if (request.Inputs.Count == 0)
        {
            errors.Add("--input: at least one file or directory is needed");
        }

        FilterSpec spec;
        if (request.Spec is not null)
        {
            if (request.Blocklist is not null || request.Classifier is not null || request.MinTerms is not null || request.Threshold is not null)
            {
                errors.Add("--spec: give the stages either in the spec file or with --blocklist/--min-terms/--classifier/--threshold, not both");
            }

            spec = FilterSpecLoader.Load(request.Spec, errors);
        }
        else
        {
            spec = new FilterSpec
            {
                Stages = request.Blocklist is null && request.Classifier is null ? [] :
                [
                    new StageSpec
                    {
                        Name = request.Classifier is null ? "blocklist" : "blocklist+classifier",
                        Blocklist = request.Blocklist,
                        MinTerms = request.MinTerms,
                        Classifier = request.Classifier,
                        Label = request.Label,
                        Threshold = request.Threshold,
                    },
                ],
            };
        }

        var stages = StageBuilder.Build(spec.Stages, errors);
        var (text, id) = Fields(request.TextField ?? spec.TextField ?? "text", request.IdField ?? spec.IdField ?? "id", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        return new FilterJob
        {
            Inputs = request.Inputs,
            OutputDirectory = request.Output,
            Cascade = new Cascade(stages),
            Stages = stages.Select(StageTable.From).ToList(),
            Provenance = stages.Select(s => s.Provenance).ToList(),
            TextField = text!,
            IdField = id,
        };
    }

    private static FilterJob? FromSidecar(FilterRequest request, List<string> errors)
    {
        var source = new OutputLayout(request.FromSidecar!);
        if (!File.Exists(source.Manifest))
        {
            errors.Add($"--from: {source.Manifest}: no manifest; tag the corpus first with `tiergate filter`");
            return null;
        }

        if (Path.GetFullPath(request.Output) == source.Root)
        {
            errors.Add("--output: must differ from the tagged run's directory");
        }

        if (request.Blocklist is not null || request.Classifier is not null)
        {
            errors.Add("--blocklist/--classifier: a rebuild reuses the sidecar's evidence; rescan with `tiergate filter` to change them");
        }

        var manifest = ReportJson.Read<RunManifest>(source.Manifest);
        var overrides = request.Spec is null ? null : FilterSpecLoader.Load(request.Spec, errors);
        var tables = new List<StageTable>();
        var provenance = new List<StageProvenance>();
        for (var i = 0; i < manifest.Stages.Count; i++)
        {
            var stage = manifest.Stages[i];
            var o = overrides?.Stages.FirstOrDefault(s => s.Name == stage.Name);
            var minTerms = o?.MinTerms ?? request.MinTerms ?? stage.MinTerms;
            var threshold = o?.Threshold ?? request.Threshold ?? stage.Threshold;
            if (stage.HasClassifier && stage.HasBlocklist && minTerms < stage.MinTerms)
            {
                errors.Add($"stages[{i}] ({stage.Name}).minTerms: {minTerms} is below the tagged run's {stage.MinTerms}; documents with fewer terms were never classified, so rescan");
            }

            if (minTerms < 1)
            {
                errors.Add($"stages[{i}] ({stage.Name}).minTerms: must be at least 1 (was {minTerms})");
            }

            var rule = new StageRule(stage.Name, stage.HasBlocklist, minTerms, stage.HasClassifier, threshold);
            tables.Add(new StageTable(rule, stage.Terms ?? [], stage.Categories ?? [], stage.ClassifierLabel));
            provenance.Add(new StageProvenance(stage.BlocklistPath, stage.BlocklistSha256, stage.Terms?.Count ?? 0, stage.ModelPath, stage.ModelSha256));
        }

        var (text, id) = Fields(manifest.TextField, manifest.IdField, errors);
        if (errors.Count > 0)
        {
            return null;
        }

        return new FilterJob
        {
            Inputs = request.Inputs.Count > 0 ? request.Inputs : manifest.Inputs,
            OutputDirectory = request.Output,
            Stages = tables,
            Provenance = provenance,
            TextField = text!,
            IdField = id,
            SidecarSource = source.Root,
            BatchBytes = manifest.BatchBytes,
            MaxLineBytes = manifest.MaxLineBytes,
        };
    }

    private static (JsonFieldPath? Text, JsonFieldPath? Id) Fields(string text, string? id, List<string> errors)
    {
        JsonFieldPath? textPath = null;
        JsonFieldPath? idPath = null;
        if (!JsonFieldPath.TryParse(text, out var parsedText, out var textError))
        {
            errors.Add($"--text-field: {textError}");
        }
        else
        {
            textPath = parsedText;
        }

        if (!string.IsNullOrEmpty(id))
        {
            if (!JsonFieldPath.TryParse(id, out var parsedId, out var idError))
            {
                errors.Add($"--id-field: {idError}");
            }
            else
            {
                idPath = parsedId;
            }
        }

        return (textPath, idPath);
    }
}
