using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Classification;

/// <summary>Trains a <see cref="LinearClassifier"/> by SGD (one-vs-rest logistic loss, shuffled epochs, deterministic seed).</summary>
public static class LinearTrainer
{
    public static LinearClassifier Train(IReadOnlyList<LabeledExample> examples, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new TrainingOptions();
        options.Features.Validate();
        if (examples.Count == 0)
        {
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidTrainingData, "no training examples");
        }

        if (options.Epochs < 1 || options.LearningRate <= 0)
        {
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidTrainingData, "epochs must be >= 1 and learning rate > 0");
        }

        var labels = new List<string>(options.Labels);
        foreach (var label in examples.SelectMany(e => e.Labels))
        {
            if (!labels.Contains(label, StringComparer.Ordinal))
            {
                labels.Add(label);
            }
        }

        if (labels.Count == 0)
        {
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidTrainingData, "no labels in the training examples");
        }

        var labelCount = labels.Count;
        var targets = examples
            .Select(e => labels.Select(l => e.Labels.Contains(l, StringComparer.Ordinal) ? 1f : 0f).ToArray())
            .ToArray();

        // Featurise once: normalised text -> feature buckets.
        var normalizer = new TextNormalizer(options.Normalizer);
        var buffer = new NormalizedText(4096, trackSourceOffsets: false);
        var featureLists = new int[examples.Count][];
        var scratch = new List<int>(4096);
        for (var i = 0; i < examples.Count; i++)
        {
            normalizer.Normalize(examples[i].Text.AsSpan(), buffer);
            scratch.Clear();
            var sink = new ListSink(scratch);
            FeatureHasher.Extract(buffer.Utf8, options.Features, ref sink);
            featureLists[i] = [.. scratch];
        }

        var weights = new float[options.Features.Buckets * labelCount];
        var biases = new float[labelCount];
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(options.Seed);
        var totalSteps = (long)options.Epochs * examples.Count;
        long step = 0;
        Span<float> sums = stackalloc float[labelCount];
        Span<float> gradients = stackalloc float[labelCount];
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var rate = options.LearningRate * (1f - ((float)step / totalSteps));
                step++;
                var features = featureLists[index];
                if (features.Length == 0)
                {
                    continue;
                }

                var scale = 1f / MathF.Sqrt(features.Length);
                sums.Clear();
                foreach (var f in features)
                {
                    var row = weights.AsSpan(f * labelCount, labelCount);
                    for (var l = 0; l < labelCount; l++)
                    {
                        sums[l] += row[l];
                    }
                }

                var target = targets[index];
                for (var l = 0; l < labelCount; l++)
                {
                    var p = LinearClassifier.Sigmoid((sums[l] * scale) + biases[l]);
                    gradients[l] = (target[l] - p) * rate;
                    biases[l] += gradients[l];
                    gradients[l] *= scale;
                }

                var decay = 1f - (rate * options.L2);
                foreach (var f in features)
                {
                    var row = weights.AsSpan(f * labelCount, labelCount);
                    for (var l = 0; l < labelCount; l++)
                    {
                        row[l] = (row[l] * decay) + gradients[l];
                    }
                }
            }
        }

        return new LinearClassifier([.. labels], options.Features, options.Normalizer, weights, biases);
    }
}
