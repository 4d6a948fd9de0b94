using System.Runtime.InteropServices;
using System.Text.Json;
using Tiergate.Corpus.Tagging;

namespace Tiergate.Corpus.Sidecar;

/// <summary>Evidence read back from a sidecar record, so decisions can be re-made without rescanning. One per worker.</summary>
public sealed class SidecarEvidence : IStageEvidence
{
    private readonly IReadOnlyList<StageTable> _stages;
    private readonly List<int>[] _hits;
    private readonly float?[] _scores;
    private readonly Dictionary<string, int> _stageIndex;

    public SidecarEvidence(IReadOnlyList<StageTable> stages)
    {
        _stages = stages;
        _hits = stages.Select(_ => new List<int>()).ToArray();
        _scores = new float?[stages.Count];
        _stageIndex = stages.Select((s, i) => (s.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    public long Offset { get; private set; }

    /// <summary>The recorded reason when the line was invalid; null for a tagged line.</summary>
    public string? InvalidReason { get; private set; }

    public ReadOnlySpan<int> Hits(int stage) => CollectionsMarshal.AsSpan(_hits[stage]);

    public float? Score(int stage) => _scores[stage];

    /// <summary>Loads one sidecar record; throws <see cref="FormatException"/> on a record this run cannot use.</summary>
    public void Load(ReadOnlySpan<byte> record)
    {
        foreach (var list in _hits)
        {
            list.Clear();
        }

        Array.Clear(_scores);
        InvalidReason = null;
        Offset = -1;
        var reader = new Utf8JsonReader(record);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("o"u8))
            {
                reader.Read();
                Offset = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("why"u8))
            {
                reader.Read();
                InvalidReason = reader.GetString();
            }
            else if (reader.ValueTextEquals("s"u8))
            {
                reader.Read();
                ReadStages(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private void ReadStages(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!_stageIndex.TryGetValue(name, out var index))
            {
                throw new SidecarMismatchException($"sidecar names stage '{name}', which the manifest does not have");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("t"u8))
                {
                    reader.Read();
                    while (reader.Read() && reader.TokenType == JsonTokenType.String)
                    {
                        var term = reader.GetString()!;
                        if (!_stages[index].TryGetTermId(term, out var id))
                        {
                            throw new SidecarMismatchException($"sidecar term '{term}' is not in stage '{name}'");
                        }

                        _hits[index].Add(id);
                    }
                }
                else if (reader.ValueTextEquals("p"u8))
                {
                    reader.Read();
                    _scores[index] = reader.GetSingle();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
    }
}
