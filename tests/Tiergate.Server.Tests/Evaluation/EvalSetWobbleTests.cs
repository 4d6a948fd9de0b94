using Tiergate.Core.Policy;
using Tiergate.Safeguards.Defaults;
using Tiergate.Safeguards.Evaluation;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Tests.Evaluation;

/// <summary>
/// Verdicts that do not wobble (issue 17), as a property over the development part of the evaluation
/// set: adding or removing harmless words around any harmful item must not change the sample policy's
/// <c>general</c> tier's verdict on it. Single requests hold it fully. Conversations do not yet: a filler
/// paragraph put before the last turn can move its request out of the rules' window from the topic named turns
/// earlier (5 of the dev set's harmful items); that test holds the count so it cannot grow, and the goal is none.
/// </summary>
public sealed class EvalSetWobbleTests
{
    /// <summary>Conversations that wobble today; the goal is 0 (README, "Safeguard evaluation set").</summary>
    private const int KnownWobblingConversations = 5;

    [Fact]
    public void WobbleCheck_DevelopmentSetSingleRequestsUnderGeneralTier_NoVerdictChanges()
    {
        var report = Run(conversations: false);

        Assert.True(report.Checked >= 150, $"only {report.Checked} harmful single requests checked");
        Assert.True(report.Wobbling == 0, Describe(report));
    }

    [Fact]
    public void WobbleCheck_DevelopmentSetConversationsUnderGeneralTier_NoMoreThanTheKnownFive()
    {
        var report = Run(conversations: true);

        Assert.True(report.Checked >= 20, $"only {report.Checked} harmful conversations checked");
        Assert.True(report.Wobbling <= KnownWobblingConversations, Describe(report));
    }

    private static WobbleReport Run(bool conversations)
    {
        var samples = SafeguardDefaults.FindSamplesDirectory(AppContext.BaseDirectory) ?? throw new InvalidOperationException("samples/safeguards not found");
        var policy = PolicyLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"))).Policy!;
        var screening = new TierInputScreening(new ContentScreening(policy), policy.TiersByName["general"]);
        var items = EvalSetReader.Read(Path.Combine(samples, "eval", "dev.jsonl")).Where(i => i.IsConversation == conversations).ToList();
        return WobbleCheck.Run(items, screening.Verdict);
    }

    private static string Describe(WobbleReport report) =>
        $"{report.Wobbling} of {report.Checked} harmful items wobble, e.g.:{Environment.NewLine}" +
        string.Join(Environment.NewLine, report.Cases.Take(10).Select(c => $"{c.Id} {c.PlainVerdict} -> {c.ChangedVerdict} with {c.Change}: {c.Text}"));
}
