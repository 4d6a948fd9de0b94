using System.Globalization;
using Tiergate.Safeguards.Matching;

namespace Tiergate.Safeguards.Screening;

/// <summary>Keyword/phrase stage: counts distinct terms and weights per category and flags, escalates or clears.</summary>
public sealed class KeywordStage : IScreeningStage
{
    public KeywordStage(TermMatcher matcher, KeywordStageOptions? options = null, string name = "keywords")
    {
        Matcher = matcher ?? throw new ArgumentNullException(nameof(matcher));
        Options = options ?? new KeywordStageOptions();
        Name = name;
    }

    public string Name { get; }

    public TermMatcher Matcher { get; }

    public KeywordStageOptions Options { get; }

    public IReadOnlyList<string> Categories => Matcher.Categories;

    public void Evaluate(ScreeningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Session is { } session)
        {
            Evaluate(context, session.TermsOf(this));
            return;
        }

        var normalized = context.Normalize(Matcher.Normalizer);
        var matches = context.Matches;
        Matcher.MatchNormalized(normalized, matches);
        Span<double> heaviest = Matcher.Categories.Count <= 64 ? stackalloc double[Matcher.Categories.Count] : new double[Matcher.Categories.Count];
        heaviest.Clear();
        if (matches.DistinctTermCount > 0)
        {
            foreach (var termId in matches.DistinctTermIds)
            {
                var term = Matcher.Terms[termId];
                var c = Matcher.CategoryIndexOf(termId);
                heaviest[c] = Math.Max(heaviest[c], term.Weight);
                TermMatch first = default;
                var occurrences = 0;
                foreach (var m in matches.Matches)
                {
                    if (m.TermId == termId)
                    {
                        first = occurrences == 0 ? m : first;
                        occurrences++;
                    }
                }

                context.AddTerm(term.Category, new MatchedTerm(term.Text, term.Weight, first.Start, first.End, occurrences));
            }
        }

        Decide(context, matches, heaviest);
    }

    /// <summary>A streamed text: the terms and counts come from the session's scan, as they would from the whole text.</summary>
    private void Evaluate(ScreeningContext context, TermStream terms)
    {
        Span<double> heaviest = Matcher.Categories.Count <= 64 ? stackalloc double[Matcher.Categories.Count] : new double[Matcher.Categories.Count];
        heaviest.Clear();
        foreach (var termId in terms.DistinctTermIds)
        {
            var term = Matcher.Terms[termId];
            var c = Matcher.CategoryIndexOf(termId);
            heaviest[c] = Math.Max(heaviest[c], term.Weight);
            var (start, end) = terms.FirstOccurrence(termId);
            context.AddTerm(term.Category, new MatchedTerm(term.Text, term.Weight, start, end, terms.Occurrences(termId)));
        }

        Decide(context, terms, heaviest);
    }

    private void Decide<TCounts>(ScreeningContext context, TCounts matches, ReadOnlySpan<double> heaviest)
        where TCounts : ICategoryCounts
    {
        for (var c = 0; c < Matcher.Categories.Count; c++)
        {
            var category = Matcher.Categories[c];
            if (!context.IsOpen(category))
            {
                continue;
            }

            var distinct = matches.DistinctInCategory(c);
            var weight = matches.WeightInCategory(c);
            var detail = string.Create(CultureInfo.InvariantCulture, $"{distinct} distinct terms, weight {weight:0.###}");
            if (distinct >= Options.FlagAtDistinctTerms || weight >= Options.FlagAtWeight || heaviest[c] >= Options.FlagAtTermWeight)
            {
                context.Record(Name, category, 1.0, StageOutcome.Flag, detail);
            }
            else if (distinct >= Options.EscalateAtDistinctTerms && distinct > 0 && weight >= Options.EscalateAtWeight)
            {
                var score = double.IsPositiveInfinity(Options.FlagAtWeight) ? 0.5 : Math.Min(0.99, weight / Options.FlagAtWeight);
                context.Record(Name, category, score, StageOutcome.Escalate, detail);
            }
            else if (Options.ClearBelowEscalation)
            {
                context.Record(Name, category, 0, StageOutcome.Clear, detail);
            }
        }
    }
}
