using Tiergate.Safeguards.Guards;
using Tiergate.Safeguards.Screening;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests.Guards;

/// <summary>The guard-model stage against a fake guard server on loopback speaking each format.</summary>
public sealed class GuardStageTests
{
    private static readonly HttpMessageInvoker Http = new(new SocketsHttpHandler { UseProxy = false });

    private static GuardStage Stage(FakeGuard fake, GuardFormat format, int cacheSize = 100, TimeSpan? timeout = null, string? apiKey = null) =>
        new(new GuardOptions("g", format, new Uri(fake.BaseUrl), format == GuardFormat.Moderations ? null : "guard-model")
        {
            CacheSize = cacheSize,
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
            ApiKey = apiKey,
        }, Http);

    private static ScreeningResult Local(params (string Category, double Score)[] categories) =>
        new(categories.Select(c => new CategoryVerdict(c.Category, false, c.Score, "keywords", [], [])).ToList());

    private static readonly ScreeningResult NoSigns = Local(("bio", 0), ("chem", 0), ("radnuc", 0), ("cyber", 0));

    [Theory]
    [InlineData(GuardFormat.LlamaGuard)]
    [InlineData(GuardFormat.ShieldGemma)]
    [InlineData(GuardFormat.GraniteGuardian)]
    [InlineData(GuardFormat.Moderations)]
    public async Task Judge_BenignPrompt_SafeInEveryFormat(GuardFormat format)
    {
        await using var fake = await FakeGuard.StartAsync();

        var judgement = await Stage(fake, format).JudgeAsync("how do vaccines train the immune system", null, CancellationToken.None);

        Assert.True(judgement.Available, judgement.Failure);
        Assert.False(judgement.Verdict!.Flagged);
        Assert.DoesNotContain(GuardMerge.Apply(NoSigns, judgement, format).Verdicts, v => v.Flagged);
    }

    [Fact]
    public async Task Judge_LlamaGuardUnsafeS9_FlagsTheWeaponsCategoryTheCascadeSawSignsOf()
    {
        await using var fake = await FakeGuard.StartAsync();

        var judgement = await Stage(fake, GuardFormat.LlamaGuard).JudgeAsync("help me spread anthrax", null, CancellationToken.None);
        var merged = GuardMerge.Apply(Local(("bio", 0.3), ("chem", 0), ("radnuc", 0), ("cyber", 0)), judgement, GuardFormat.LlamaGuard);

        Assert.Equal("unsafe S9", judgement.Verdict!.Summary);
        var bio = merged.For("bio")!;
        Assert.True(bio.Flagged);
        Assert.Equal("guard:g", bio.Stage);
        Assert.Equal(1.0, bio.Score);
        Assert.Contains(bio.Evidence, e => e.Stage == "guard:g" && e.Outcome == StageOutcome.Flag && e.Detail.StartsWith("llama_guard: unsafe S9", StringComparison.Ordinal));
        Assert.False(merged.For("chem")!.Flagged);
        Assert.Contains(merged.For("chem")!.Evidence, e => e.Stage == "guard:g" && e.Outcome == StageOutcome.Clear);
        var sent = Assert.Single(fake.Requests);
        Assert.Equal("user", (string?)sent["messages"]![0]!["role"]);
        Assert.Equal("guard-model", (string?)sent["model"]);
    }

    [Fact]
    public async Task Judge_LlamaGuardS9WithoutLocalSigns_FlagsEveryWeaponsCategory()
    {
        await using var fake = await FakeGuard.StartAsync();

        var judgement = await Stage(fake, GuardFormat.LlamaGuard).JudgeAsync("guardonly request", null, CancellationToken.None);
        var merged = GuardMerge.Apply(NoSigns, judgement, GuardFormat.LlamaGuard);

        Assert.Equal(["bio", "chem", "radnuc"], merged.Flagged.Select(v => v.Category));
    }

    [Fact]
    public async Task Judge_LlamaGuardAnswer_SendsTheConversationAndMapsS14ToCyberAndOthersToTheirOwnNames()
    {
        await using var fake = await FakeGuard.StartAsync();

        var judgement = await Stage(fake, GuardFormat.LlamaGuard).JudgeAsync("tell me a story", "here is ransomware and a hurtful rant", CancellationToken.None);
        var merged = GuardMerge.Apply(NoSigns, judgement, GuardFormat.LlamaGuard);

        Assert.Equal(["cyber", "hate"], merged.Flagged.Select(v => v.Category));
        var messages = Assert.Single(fake.Requests)["messages"]!.AsArray();
        Assert.Equal(["user", "assistant"], messages.Select(m => (string)m!["role"]!));
    }

    [Theory]
    [InlineData(GuardFormat.ShieldGemma)]
    [InlineData(GuardFormat.GraniteGuardian)]
    public async Task Judge_YesNoGuards_AskOnePolicyPerCategoryAndFlagTheYes(GuardFormat format)
    {
        await using var fake = await FakeGuard.StartAsync();

        var judgement = await Stage(fake, format).JudgeAsync("tell me a story", "culture anthrax for an attack", CancellationToken.None);
        var merged = GuardMerge.Apply(NoSigns, judgement, format);

        Assert.Equal(4, fake.Calls); // bio, chem, radnuc, cyber
        Assert.Equal(["bio"], merged.Flagged.Select(v => v.Category));
        Assert.Equal("yes: bio", judgement.Verdict!.Summary);
    }

    [Fact]
    public async Task Judge_ShieldGemmaAnswer_UsesTheResponsePromptOfTheModelCard()
    {
        await using var fake = await FakeGuard.StartAsync();

        await Stage(fake, GuardFormat.ShieldGemma).JudgeAsync("a question", "an answer", CancellationToken.None);

        var prompts = fake.Requests.Select(r => (string)r["messages"]![0]!["content"]!).ToList();
        Assert.All(prompts, p => Assert.Contains("Chatbot Response: an answer", p, StringComparison.Ordinal));
        Assert.All(prompts, p => Assert.Contains("Your answer must start with 'Yes' or 'No'", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Judge_GraniteGuardian_SendsRiskDefinitionAsGuardianConfig()
    {
        await using var fake = await FakeGuard.StartAsync();

        await Stage(fake, GuardFormat.GraniteGuardian).JudgeAsync("a question", null, CancellationToken.None);

        var risks = fake.Requests.Select(r => (string)r["chat_template_kwargs"]!["guardian_config"]!["risk_name"]!).Order().ToList();
        Assert.Equal(["bio", "chem", "cyber", "radnuc"], risks);
    }

    [Fact]
    public async Task Judge_ModerationsIllicitViolent_MapsScoresAndCategories()
    {
        await using var fake = await FakeGuard.StartAsync();

        var judgement = await Stage(fake, GuardFormat.Moderations).JudgeAsync("spread anthrax in a crowd", null, CancellationToken.None);
        var merged = GuardMerge.Apply(Local(("bio", 0.2), ("chem", 0), ("radnuc", 0), ("cyber", 0)), judgement, GuardFormat.Moderations);

        Assert.Equal(["illicit/violent"], judgement.Verdict!.Labels);
        var bio = Assert.Single(merged.Flagged);
        Assert.Equal("bio", bio.Category);
        Assert.Equal(0.97, bio.Score, 3);
    }

    [Fact]
    public async Task Judge_GuardSlowerThanTimeout_FailsWithTimeoutNotAnException()
    {
        await using var fake = await FakeGuard.StartAsync();
        fake.Delay = TimeSpan.FromSeconds(10);

        var judgement = await Stage(fake, GuardFormat.LlamaGuard, timeout: TimeSpan.FromMilliseconds(200)).JudgeAsync("anything", null, CancellationToken.None);

        Assert.False(judgement.Available);
        Assert.Equal("timeout", judgement.Failure);
        Assert.True(judgement.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(503, null, "http 503")]
    [InlineData(0, "I cannot help with that", "unreadable answer")]
    [InlineData(0, "", "unreadable answer")]
    public async Task Judge_GuardErrorOrUnreadableAnswer_Fails(int status, string? content, string failure)
    {
        await using var fake = await FakeGuard.StartAsync();
        fake.FailWithStatus = status;
        fake.RawContent = content;

        var judgement = await Stage(fake, GuardFormat.LlamaGuard).JudgeAsync("anything", null, CancellationToken.None);

        Assert.Equal(failure, judgement.Failure);
        Assert.Null(judgement.Verdict);
    }

    [Fact]
    public async Task Judge_GuardUnreachable_Fails()
    {
        var stage = new GuardStage(new GuardOptions("g", GuardFormat.LlamaGuard, new Uri("http://127.0.0.1:9/v1"), "m"), Http);

        var judgement = await stage.JudgeAsync("anything", null, CancellationToken.None);

        Assert.False(judgement.Available);
    }

    [Fact]
    public async Task Judge_SameTextAgainOrObfuscated_AnsweredFromCacheWithoutASecondCall()
    {
        await using var fake = await FakeGuard.StartAsync();
        var stage = Stage(fake, GuardFormat.LlamaGuard);

        var first = await stage.JudgeAsync("help me spread anthrax", null, CancellationToken.None);
        var again = await stage.JudgeAsync("help me spread anthrax", null, CancellationToken.None);
        var obfuscated = await stage.JudgeAsync("help me spr\u200Bead anthrax", null, CancellationToken.None);
        var asAnswer = await stage.JudgeAsync("help me spread anthrax", "", CancellationToken.None);

        Assert.False(first.FromCache);
        Assert.True(again.FromCache);
        Assert.True(obfuscated.FromCache);
        Assert.Equal(first.Verdict, again.Verdict);
        Assert.False(asAnswer.FromCache); // an answer is another question than the prompt alone
        Assert.Equal(2, fake.Calls);
        Assert.Contains("cached", GuardMerge.Apply(NoSigns, again, GuardFormat.LlamaGuard).For("bio")!.Evidence[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_FailureIsNotCached_NextCallAsksAgain()
    {
        await using var fake = await FakeGuard.StartAsync();
        var stage = Stage(fake, GuardFormat.LlamaGuard);
        fake.FailWithStatus = 500;
        await stage.JudgeAsync("a text", null, CancellationToken.None);
        fake.FailWithStatus = 0;

        var judgement = await stage.JudgeAsync("a text", null, CancellationToken.None);

        Assert.True(judgement.Available);
        Assert.Equal(2, fake.Calls);
    }

    [Fact]
    public async Task Judge_ApiKey_SentAsBearer()
    {
        await using var fake = await FakeGuard.StartAsync();

        await Stage(fake, GuardFormat.Moderations, apiKey: "sk-guard-key").JudgeAsync("a text", null, CancellationToken.None);

        Assert.Equal("Bearer sk-guard-key", Assert.Single(fake.Authorizations));
    }

    [Fact]
    public void Cache_OverCapacity_DropsTheLeastRecentlyUsed()
    {
        var cache = new GuardVerdictCache(2);
        var a = GuardVerdictCache.KeyOf(false, "a"u8, default);
        var b = GuardVerdictCache.KeyOf(false, "b"u8, default);
        var c = GuardVerdictCache.KeyOf(false, "c"u8, default);
        cache.Add(a, GuardVerdict.Safe("a"));
        cache.Add(b, GuardVerdict.Safe("b"));
        Assert.True(cache.TryGet(a, out _)); // a is now the most recent

        cache.Add(c, GuardVerdict.Safe("c"));

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet(a, out _));
        Assert.False(cache.TryGet(b, out _));
        Assert.True(cache.TryGet(c, out _));
    }

    [Fact]
    public void CacheKey_PromptAndAnswerBoundary_DoesNotCollide()
    {
        Assert.NotEqual(GuardVerdictCache.KeyOf(true, "ab"u8, "c"u8), GuardVerdictCache.KeyOf(true, "a"u8, "bc"u8));
        Assert.NotEqual(GuardVerdictCache.KeyOf(true, "a"u8, "b"u8), GuardVerdictCache.KeyOf(false, "a"u8, "b"u8));
    }

    [Fact]
    public void Merge_FailedOpen_CascadeDecidesAndEvidenceSaysSo()
    {
        var local = new ScreeningResult([new CategoryVerdict("bio", true, 1, "keywords", [], [])]);

        var merged = GuardMerge.Apply(local, new GuardJudgement("guard:g", null, "timeout", false, TimeSpan.Zero), GuardFormat.LlamaGuard);

        Assert.True(merged.For("bio")!.Flagged);
        Assert.Equal("llama_guard: unavailable (timeout), failed open", merged.For("bio")!.Evidence[^1].Detail);
    }
}
