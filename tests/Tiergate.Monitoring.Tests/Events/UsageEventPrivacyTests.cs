using System.Text;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Similarity;

namespace Tiergate.Monitoring.Tests.Events;

/// <summary>Each privacy mode keeps only what it allows.</summary>
public sealed class UsageEventPrivacyTests
{
    [Theory]
    [InlineData(PrivacyMode.Full, true, true)]
    [InlineData(PrivacyMode.MetadataOnly, false, true)]
    [InlineData(PrivacyMode.Aggregate, false, false)]
    public void Shape_Mode_KeepsOnlyWhatItAllows(PrivacyMode mode, bool terms, bool sketch)
    {
        var full = new UsageEvent(DateTimeOffset.UnixEpoch, UsageEventKinds.SafeguardFlag)
        {
            UserId = 7,
            ClientAddress = "203.0.113.9",
            MatchedTerms = ["anthrax"],
            Sketch = PromptSketch.Of(Encoding.UTF8.GetBytes("some prompt text")),
        };

        var shaped = UsageEventPrivacy.Shape(full, mode);

        Assert.Equal((terms, sketch, mode), (shaped.MatchedTerms is not null, shaped.Sketch is not null, shaped.Privacy));
        Assert.Equal((7L, "203.0.113.9"), (shaped.UserId!.Value, shaped.ClientAddress));
    }
}
