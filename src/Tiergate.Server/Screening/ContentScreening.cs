using Tiergate.Core.Policy;
using Tiergate.Safeguards.Defaults;
using Tiergate.Safeguards.Screening;

namespace Tiergate.Server.Screening;

/// <summary>
/// Applies a tier's safeguard profile to the screening engine's verdicts. One engine (term lists and
/// classifier) serves every tier; only the actions and thresholds differ per tier and direction.
/// </summary>
public sealed class ContentScreening
{
    /// <summary>Where the default term lists and model are copied next to the executable.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "safeguards");

    private readonly Screener _screener;
    private readonly Screener _inputScreener;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<TierConfig, TierShape> _shapes = [];

    public ContentScreening(PolicyDocument policy)
    {
        var directory = policy.Safeguards.Directory ?? DefaultDirectory;
        if (!Directory.Exists(Path.Combine(directory, SafeguardDefaults.TermsFolder)) || !File.Exists(Path.Combine(directory, SafeguardDefaults.ModelFile)))
        {
            // Fail closed: a gateway that cannot screen does not start.
            throw new InvalidOperationException(
                $"The safeguards directory '{directory}' must contain {SafeguardDefaults.TermsFolder}/*.tsv and {SafeguardDefaults.ModelFile}.");
        }

        // Answers (streamed piece by piece): keywords escalate a category at one distinct term; three distinct
        // terms, or weighted intent phrases adding up to 4 ("write ransomware" 3 + "ransomware" 1), decide it
        // outright; the classifier decides the rest. Both stages follow a stream incrementally.
        _screener = SafeguardDefaults.CreateScreener(
            SafeguardDefaults.LoadTerms(directory),
            SafeguardDefaults.LoadModel(directory),
            new KeywordStageOptions { EscalateAtDistinctTerms = 1, FlagAtDistinctTerms = 3, FlagAtWeight = 4 });

        // Prompts (whole, every message joined): decoded readings, intent x topic rules, keywords, classifier
        // (docs/safeguards.md, "The default cascade").
        _inputScreener = SafeguardDefaults.CreateDefaultInputScreener(directory).Screener;
    }

    public IReadOnlyList<string> Categories => _screener.Categories;

    /// <summary>True when the tier lets every category through unrecorded in this direction, so screening can be skipped.</summary>
    public bool AllowsEverything(TierConfig tier, bool output) => Shape(tier).AllowsEverything(output);

    /// <summary>True when nothing in this direction can be blocked, so a stream needs no hold-back.</summary>
    public bool OnlyFlags(TierConfig tier, bool output) => Shape(tier).OnlyFlags(output);

    /// <summary>
    /// Whether a tier can block or record anything depends only on its profile: decided once per tier object, not per
    /// request. Keyed by the object, not the name, so a reloaded policy's tier of the same name is decided afresh.
    /// </summary>
    private TierShape Shape(TierConfig tier) => _shapes.GetValue(tier, t => new TierShape(
        Actions(t, false).All(a => a == SafeguardAction.Allow), Actions(t, true).All(a => a == SafeguardAction.Allow),
        Actions(t, false).All(a => a != SafeguardAction.Block), Actions(t, true).All(a => a != SafeguardAction.Block)));

    private IEnumerable<SafeguardAction> Actions(TierConfig tier, bool output) => Categories.Select(c => tier.Safeguards.RuleFor(c, output).Action);

    public ScreeningOutcome Screen(TierConfig tier, string text, bool output)
    {
        if (text.Length == 0 || AllowsEverything(tier, output))
        {
            return ScreeningOutcome.Clean;
        }

        return Apply(tier, (output ? _screener : _inputScreener).Screen(text), output);
    }

    /// <summary>
    /// A chat prompt with the tier's input profile: every field the model reads, joined, and, when the prompt holds
    /// more than its last user message, that message alone too, the verdicts merged per category
    /// (<see cref="ConversationScreener.Merge"/>): a classifier reading a long harmless history beside a harmful
    /// last question would average it away.
    /// </summary>
    public ScreeningOutcome Screen(TierConfig tier, PromptContents prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (prompt.Text.Length == 0 || AllowsEverything(tier, output: false))
        {
            return ScreeningOutcome.Clean;
        }

        return Apply(tier, Verdicts(prompt), output: false);
    }

    /// <summary>
    /// The engine's verdict for every category in one direction, before any profile is applied (the guard stage and
    /// /v1/moderations build on it): the same cascade <see cref="Screen(TierConfig, string, bool)"/> runs for that direction.
    /// </summary>
    public ScreeningResult Verdicts(string text, bool output) => (output ? _screener : _inputScreener).Screen(text);

    /// <summary>A chat prompt's verdicts, its last user message weighed alone as well (<see cref="Screen(TierConfig, PromptContents)"/>).</summary>
    public ScreeningResult Verdicts(PromptContents prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var whole = _inputScreener.Screen(prompt.Text);
        return prompt.LastUserTurn is { Length: > 0 } last ? ConversationScreener.Merge(_inputScreener.Screen(last), whole) : whole;
    }

    /// <summary>
    /// Starts screening an answer that arrives in pieces, with the tier's output profile. The session's
    /// outcome for the text so far is always what <see cref="Screen"/> gives for that text as a whole;
    /// each char is screened once (no re-screening of the accumulated answer).
    /// </summary>
    public OutputScreeningSession BeginOutput(TierConfig tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return AllowsEverything(tier, output: true)
            ? new OutputScreeningSession(null, _ => ScreeningOutcome.Clean)
            : new OutputScreeningSession(_screener.Begin(), result => Apply(tier, result, output: true));
    }

    /// <summary>What the tier's profile makes of the verdicts in one direction.</summary>
    public static ScreeningOutcome Apply(TierConfig tier, ScreeningResult result, bool output)
    {
        CategoryHit? block = null;
        List<CategoryHit>? flags = null;
        foreach (var verdict in result.Verdicts)
        {
            var rule = tier.Safeguards.RuleFor(verdict.Category, output);
            if (!verdict.Flagged || verdict.Score < rule.Threshold || rule.Action == SafeguardAction.Allow)
            {
                continue;
            }

            var hit = new CategoryHit(verdict.Category, verdict.Score, verdict.Stage, verdict.MatchedTerms.Select(t => t.Text).ToList())
            {
                Guard = verdict.Evidence.LastOrDefault(e => e.Stage.StartsWith("guard:", StringComparison.Ordinal))?.Detail,
            };
            if (rule.Action == SafeguardAction.Block)
            {
                block ??= hit;
            }
            else
            {
                (flags ??= []).Add(hit);
            }
        }

        return block is null && flags is null ? ScreeningOutcome.Clean : new ScreeningOutcome(block, flags ?? []);
    }
}
