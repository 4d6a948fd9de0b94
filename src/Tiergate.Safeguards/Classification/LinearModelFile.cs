using System.Security.Cryptography;
using System.Text;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Classification;

/// <summary>
/// The versioned binary model file of <see cref="LinearClassifier"/>: magic <c>TGLC</c>, format
/// version, feature and normaliser options, labels, biases, the non-zero weight rows, and a
/// SHA-256 trailer over everything before it (verified on load and reported as the model's hash).
/// </summary>
public static class LinearModelFile
{
    public const ushort FormatVersion = 1;

    private static readonly byte[] Magic = "TGLC"u8.ToArray();

    /// <summary>Writes the model and returns its SHA-256 (lower-case hex), also set on <see cref="LinearClassifier.Sha256"/>.</summary>
    public static string Save(LinearClassifier model, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(destination);
        using var content = new MemoryStream();
        using (var writer = new BinaryWriter(content, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(model.Features.Buckets);
            writer.Write(model.Features.WordNgrams);
            writer.Write(model.Features.CharNgramMin);
            writer.Write(model.Features.CharNgramMax);
            writer.Write(model.Features.MaxBytes);
            writer.Write(model.Normalizer.Options.FoldLeetspeak);
            writer.Write(model.Normalizer.Options.JoinSpacedLetters);
            writer.Write(model.Normalizer.Options.MaxJoinSeparatorLength);
            writer.Write(model.Labels.Count);
            foreach (var label in model.Labels)
            {
                writer.Write(label);
            }

            foreach (var bias in model.Biases)
            {
                writer.Write(bias);
            }

            var labels = model.Labels.Count;
            var rows = new List<int>();
            for (var b = 0; b < model.Features.Buckets; b++)
            {
                if (model.Weights.AsSpan(b * labels, labels).ContainsAnyExcept(0f))
                {
                    rows.Add(b);
                }
            }

            writer.Write(rows.Count);
            foreach (var b in rows)
            {
                writer.Write(b);
                foreach (var w in model.Weights.AsSpan(b * labels, labels))
                {
                    writer.Write(w);
                }
            }
        }

        var hash = SHA256.HashData(content.GetBuffer().AsSpan(0, (int)content.Length));
        destination.Write(content.GetBuffer(), 0, (int)content.Length);
        destination.Write(hash);
        model.Sha256 = Convert.ToHexStringLower(SHA256.HashData([.. content.GetBuffer().AsSpan(0, (int)content.Length), .. hash]));
        return model.Sha256;
    }

    public static string Save(LinearClassifier model, string path)
    {
        using var stream = File.Create(path);
        return Save(model, stream);
    }

    public static LinearClassifier Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Reads and verifies a model file; failures throw <see cref="SafeguardsException"/> (TG3002, TG3003).</summary>
    public static LinearClassifier Load(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var all = new MemoryStream();
        source.CopyTo(all);
        var bytes = all.GetBuffer().AsSpan(0, (int)all.Length);
        if (bytes.Length < Magic.Length + 2 + 32 || !bytes.StartsWith(Magic))
        {
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidModelFile, "not a Tiergate linear model file (bad magic)");
        }

        var content = bytes[..^32];
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(bytes[^32..]))
        {
            throw new SafeguardsException(SafeguardsErrorCodes.ModelHashMismatch, "model file content does not match its SHA-256 trailer");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(content.ToArray()), Encoding.UTF8);
            reader.ReadBytes(Magic.Length);
            var version = reader.ReadUInt16();
            if (version != FormatVersion)
            {
                throw new SafeguardsException(SafeguardsErrorCodes.InvalidModelFile, $"model format version {version} is not supported (expected {FormatVersion})");
            }

            var features = new FeatureOptions
            {
                Buckets = reader.ReadInt32(),
                WordNgrams = reader.ReadInt32(),
                CharNgramMin = reader.ReadInt32(),
                CharNgramMax = reader.ReadInt32(),
                MaxBytes = reader.ReadInt32(),
            };
            features.Validate();
            var normalizer = new NormalizerOptions
            {
                FoldLeetspeak = reader.ReadBoolean(),
                JoinSpacedLetters = reader.ReadBoolean(),
                MaxJoinSeparatorLength = reader.ReadInt32(),
            };
            var labelCount = reader.ReadInt32();
            if (labelCount is < 1 or > 4096)
            {
                throw new SafeguardsException(SafeguardsErrorCodes.InvalidModelFile, $"label count {labelCount} is out of range");
            }

            var labels = new string[labelCount];
            for (var l = 0; l < labelCount; l++)
            {
                labels[l] = reader.ReadString();
            }

            var biases = new float[labelCount];
            for (var l = 0; l < labelCount; l++)
            {
                biases[l] = reader.ReadSingle();
            }

            var weights = new float[features.Buckets * labelCount];
            var rows = reader.ReadInt32();
            for (var r = 0; r < rows; r++)
            {
                var bucket = reader.ReadInt32();
                if ((uint)bucket >= (uint)features.Buckets)
                {
                    throw new SafeguardsException(SafeguardsErrorCodes.InvalidModelFile, $"bucket {bucket} is out of range");
                }

                for (var l = 0; l < labelCount; l++)
                {
                    weights[(bucket * labelCount) + l] = reader.ReadSingle();
                }
            }

            return new LinearClassifier(labels, features, normalizer, weights, biases)
            {
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            };
        }
        catch (EndOfStreamException e)
        {
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidModelFile, "model file is truncated", e);
        }
    }
}
