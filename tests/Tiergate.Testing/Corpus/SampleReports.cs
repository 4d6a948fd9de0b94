using Tiergate.Corpus.Reporting;

namespace Tiergate.Testing.Corpus;

/// <summary>A made-up filter report with a blocklist stage and a classifier stage, three files and a score histogram.</summary>
public static class SampleReports
{
    public static FilterReport WithClassifier()
    {
        var totals = new ShardStats { DocumentsIn = 10_000, Kept = 9_400, Removed = 550, Invalid = 50, BytesIn = 40_000_000 };
        var blocklist = totals.StageFor("blocklist");
        blocklist.Matched = 1_200;
        blocklist.Escalated = 900;
        blocklist.Removed = 300;
        var classifier = totals.StageFor("classifier");
        classifier.Escalated = 900;
        classifier.Classified = 900;
        classifier.Removed = 250;
        classifier.EscalatedKept = 650;
        classifier.ScoreHistogram = [200, 120, 90, 70, 50, 40, 30, 20, 15, 15, 10, 10, 20, 25, 30, 35, 40, 30, 30, 20];
        totals.Files["mail/shard-0000.jsonl.zst"] = new FileStats { Documents = 5_000, Kept = 4_600, Removed = 380, Invalid = 20 };
        totals.Files["docs/shard-0001.jsonl.zst"] = new FileStats { Documents = 4_000, Kept = 3_870, Removed = 120, Invalid = 10 };
        totals.Files["adversarial/spaced.jsonl.zst"] = new FileStats { Documents = 1_000, Kept = 930, Removed = 50, Invalid = 20 };
        StageInfo Stage(string name, bool blocklistStage, bool classifierStage) =>
            new(name, blocklistStage, 2, classifierStage, 0.6, classifierStage ? "bio" : null, null, null, null, null, null, null);
        var now = DateTimeOffset.UnixEpoch;
        return new FilterReport(
            "/out",
            ["mail/shard-0000.jsonl.zst", "docs/shard-0001.jsonl.zst", "adversarial/spaced.jsonl.zst"],
            [Stage("blocklist", true, false), Stage("classifier", true, true)],
            [new RankInfo(0, 1, "default", 3, 0, 1.0, now, now)],
            3,
            totals);
    }
}
