using EditorialBot.Bot.Cards;
using EditorialBot.Workflow.Claims;

namespace EditorialBot.Tests.Claims;

/// <summary>Merging repeats, numbering, the two tiers and context, on notes written for these tests.</summary>
public sealed class ClaimTriageTests
{
    private const string Front = "---\ntitle: 测试\ndraft: true\n---\n\n";

    private static async Task<IReadOnlyList<Claim>> TriageAsync(string body, int mustCheckMax = ClaimTriage.DefaultMustCheckMax) =>
        (await new ClaimTriage(new RuleClaimExtractor(), mustCheckMax).ExtractAsync(Front + body, CancellationToken.None)).Claims;

    [Fact]
    public async Task The_same_figure_about_the_same_entity_said_three_times_is_one_claim_listing_every_line()
    {
        var claims = await TriageAsync(
            "昇腾910C在推理场景下可以达到H100的60%左右。\n\n"
            + "台积电在2024年的营收是900亿美元。\n\n"
            + "我再说一遍，理论上910C能达到H100的60%左右的水平。\n\n"
            + "昇腾910C在推理场景下可以达到H100的60%左右。\n");

        var h100 = Assert.Single(claims, c => c.Text.Contains("H100", StringComparison.Ordinal));
        Assert.Equal([6, 10, 12], h100.Lines);
        Assert.Equal(6, h100.Line);
        Assert.Single(h100.Aliases); // the exact repeat shares the first one's fingerprint
        Assert.Single(claims, c => c.Text.Contains("台积电", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, claims.Count), claims.Select(c => c.Number));
    }

    [Fact]
    public async Task Different_figures_about_the_same_entity_stay_apart()
    {
        var claims = await TriageAsync("中国现在有39万片的产能。\n\n美国本土有84万片的产能。\n\n中国再扩产9万片的产能。\n");
        Assert.Equal(3, claims.Count);
        Assert.All(claims, c => Assert.Single(c.Lines));
    }

    [Fact]
    public async Task The_check_tier_holds_the_most_check_worthy_claims_up_to_the_cap()
    {
        var claims = await TriageAsync(
            "如果中国继续加大投入，可能会更快一些吧。\n\n"
            + "路透社在2023年9月报道，中国正在筹划400亿美元的第三期大基金。\n\n"
            + "我觉得这个差距其实在越来越大。\n\n"
            + "美国商务部在2024年12月发布新规，禁止向中国出口HBM芯片。\n\n"
            + "台积电是全球最大的晶圆代工厂，2024年营收约900亿美元。\n",
            mustCheckMax: 2);

        var check = claims.Where(c => c.Tier == ClaimTiers.Check).ToList();
        Assert.Equal(2, check.Count);
        Assert.All(check, c => Assert.DoesNotContain("如果", c.Text, StringComparison.Ordinal));
        Assert.All(check, c => Assert.DoesNotContain("我觉得", c.Text, StringComparison.Ordinal));
        Assert.All(claims.Except(check), c => Assert.Equal(ClaimTiers.Optional, c.Tier));
    }

    [Fact]
    public async Task Each_claim_carries_the_sentence_before_and_after_it_trimmed()
    {
        var longAfter = "后面这句话很长" + new string('长', 200) + "。";
        var claims = await TriageAsync($"大家好，今天聊芯片。路透社在2023年9月报道，中国正在筹划400亿美元的大基金。{longAfter}\n");

        var claim = Assert.Single(claims);
        Assert.Equal("大家好，今天聊芯片。", claim.Before);
        Assert.StartsWith("后面这句话很长", claim.After, StringComparison.Ordinal);
        Assert.EndsWith("…", claim.After, StringComparison.Ordinal);
        Assert.True(TextFit.CodePoints(claim.After!) <= 90);
    }

    [Fact]
    public async Task A_thousand_claims_keep_the_check_tier_within_its_cap_and_the_card_within_discord_limits()
    {
        var body = string.Concat(Enumerable.Range(1, 1000).Select(i => $"台积电第{i}号工厂在2024年生产了{i * 7 + 3}万片晶圆。\n\n"));
        var claims = await TriageAsync(body);

        Assert.True(claims.Count >= 900, $"{claims.Count} claims");
        Assert.Equal(ClaimTriage.DefaultMustCheckMax, claims.Count(c => c.Tier == ClaimTiers.Check));
        var card = ReviewCardBuilder.Build(new CardNote("长", null, null, null, [], new NoteSummary("摘要", false)), new ClaimExtraction(claims, [], "rules"), maxClaims: 30);
        Assert.True(card.TotalLength <= ClaimCard.TotalLimit);
        Assert.True(card.Fields.Count <= ClaimCard.FieldCountLimit);
        Assert.Contains($"{ClaimTriage.DefaultMustCheckMax} must-check · {claims.Count - ClaimTriage.DefaultMustCheckMax} optional", card.Footer);
        Assert.Equal("Must check", card.Fields[0].Name);
    }

    [Fact]
    public async Task A_note_without_claims_says_so_on_the_card()
    {
        var claims = await TriageAsync("大家好，欢迎收看。\n\n今天天气不错。\n");
        Assert.Empty(claims);
        var card = ReviewCardBuilder.Build(new CardNote("空", null, null, null, [], new NoteSummary("摘要", false)), new ClaimExtraction(claims, [], "rules"), maxClaims: 30);
        Assert.Contains("No check-worthy claims found: approval alone publishes", card.Footer);
    }

    [Theory]
    [InlineData("3,5-9", new[] { 3, 5, 6, 7, 8, 9 })]
    [InlineData(" 12 ", new[] { 12 })]
    [InlineData("2–4、7", new[] { 2, 3, 4, 7 })]
    [InlineData("5,5,4", new[] { 4, 5 })]
    public void Claim_numbers_read_as_lists_and_ranges(string text, int[] expected)
    {
        Assert.True(EditorialBot.Workflow.Review.ClaimText.TryParseNumbers(text, out var numbers, out var problem), problem);
        Assert.Equal(expected, numbers);
        Assert.Equal(text.Trim() == "3,5-9" ? "3,5-9" : EditorialBot.Workflow.Review.ClaimText.Numbers(expected), EditorialBot.Workflow.Review.ClaimText.Numbers(numbers));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("9-5")]
    [InlineData("a")]
    [InlineData("1-99999999")]
    public void Bad_claim_numbers_are_refused_with_a_reason(string text)
    {
        Assert.False(EditorialBot.Workflow.Review.ClaimText.TryParseNumbers(text, out _, out var problem));
        Assert.NotEmpty(problem);
    }
}
