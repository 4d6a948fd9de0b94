namespace Tiergate.Safeguards.Guards;

/// <summary>
/// The Yes/No guards: one question per Tiergate category (<see cref="GuardOptions.Categories"/>), asked in
/// parallel, each with that category's policy (<see cref="GuardTaxonomy.Policies"/>). "Yes" flags the category.
/// </summary>
internal abstract class PolicyQuestionProtocol : IGuardProtocol
{
    public async Task<GuardVerdict> JudgeAsync(HttpMessageInvoker http, GuardOptions options, string prompt, string? answer, CancellationToken cancellationToken)
    {
        var url = GuardHttp.Endpoint(options.BaseUrl, "/chat/completions");
        var asked = options.Categories.Select(async category =>
        {
            using var document = await GuardHttp.PostAsync(http, url, options.ApiKey, Body(options.Model!, category, prompt, answer), cancellationToken);
            return (Category: category, Yes: YesNoAnswer.Read(GuardHttp.ChatContent(document)));
        }).ToList();
        var answers = await Task.WhenAll(asked);
        var yes = answers.Where(a => a.Yes).Select(a => a.Category).ToList();
        return yes.Count == 0
            ? GuardVerdict.Safe("no to every policy")
            : new GuardVerdict(true, yes.Select(c => new GuardCategory([c], 1, c)).ToList(), yes, "yes: " + string.Join(',', yes));
    }

    protected abstract byte[] Body(string model, string category, string prompt, string? answer);
}
