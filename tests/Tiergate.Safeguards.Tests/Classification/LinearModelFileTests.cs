using Tiergate.Safeguards.Classification;

namespace Tiergate.Safeguards.Tests.Classification;

public class LinearModelFileTests
{
    private static LinearClassifier SmallModel() =>
        LinearTrainer.Train(LinearClassifierTests.TwoTopicExamples(100, 7), new TrainingOptions { Features = new FeatureOptions { Buckets = 1 << 12 }, Epochs = 2 });

    [Fact]
    public void SaveLoad_RoundTrip_KeepsScoresLabelsAndHash()
    {
        var model = SmallModel();
        using var stream = new MemoryStream();

        var sha = LinearModelFile.Save(model, stream);
        stream.Position = 0;
        var loaded = LinearModelFile.Load(stream);

        Assert.Equal(64, sha.Length);
        Assert.Equal(sha, loaded.Sha256);
        Assert.Equal(model.Labels, loaded.Labels);
        Assert.Equal(model.Features, loaded.Features);
        Assert.Equal(model.Score("acid flask goal"), loaded.Score("acid flask goal"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream.ToArray())), sha);
    }

    [Fact]
    public void Load_FlippedByte_FailsHashCheck()
    {
        using var stream = new MemoryStream();
        LinearModelFile.Save(SmallModel(), stream);
        var bytes = stream.ToArray();
        bytes[bytes.Length / 2] ^= 0x40;

        var error = Assert.Throws<SafeguardsException>(() => LinearModelFile.Load(new MemoryStream(bytes)));

        Assert.Equal(SafeguardsErrorCodes.ModelHashMismatch, error.Code);
    }

    [Fact]
    public void Load_NotAModel_FailsWithInvalidModelCode()
    {
        var error = Assert.Throws<SafeguardsException>(() => LinearModelFile.Load(new MemoryStream(new byte[100])));

        Assert.Equal(SafeguardsErrorCodes.InvalidModelFile, error.Code);
    }
}
