using EditorialBot.Bot.Cards;
using EditorialBot.Workflow.Claims;

namespace EditorialBot.Tests.Review;

public sealed class ReviewCardTests
{
    private static Claim MakeClaim(int i, double score, string? text = null) => new(
        $"{i:x16}", text ?? $"第{i}条：台积电在2024年的营收是{i}00亿美元。", i + 10, ClaimKinds.Quantity, score, ["quantity"],
        [new ClaimValue("money", $"{i}00亿美元", i * 1e10, null, "USD", null, false)]);

    private static CardNote Note(string title = "标题", string summary = "摘要。") =>
        new(title, "https://example.org/v", "主播", "2025-01-02", ["chips"], new NoteSummary(summary, false));

    [Fact]
    public void Shows_the_check_tier_first_then_optional_claims_up_to_the_cap_with_their_own_numbers()
    {
        var claims = Enumerable.Range(1, 12).Select(i => MakeClaim(i, 0.5) with { Number = i + 100, Tier = i % 3 == 0 ? ClaimTiers.Check : ClaimTiers.Optional }).ToList();
        var card = ReviewCardBuilder.Build(Note(), new ClaimExtraction(claims, [], "rules"), maxClaims: 5);

        Assert.Equal(new[] { 3, 6, 9, 12, 1 }.Select(static i => $"{i:x16}"), card.ClaimIds);
        Assert.Equal(7, card.HiddenClaims);
        Assert.Equal(["Must check", "Optional"], card.Fields.Select(static f => f.Name));
        Assert.Contains("4 must-check · 8 optional · 5 of 12 claims shown, 7 more not shown", card.Footer);
        Assert.StartsWith("`103` **quantity** · line 13", card.Fields[0].Value);
        Assert.StartsWith("`101`", card.Fields[1].Value);
    }

    [Fact]
    public void Links_each_claim_to_its_line_and_lists_its_repeats()
    {
        var claim = MakeClaim(2, 0.9) with { Number = 7, Tier = ClaimTiers.Check, Lines = [12, 40, 41] };
        var card = ReviewCardBuilder.Build(Note(), new ClaimExtraction([claim], [], "rules"), 30, link: c => $"https://git.example/blob/main/a.md#L{c.Line}");

        Assert.Contains("`7` **quantity** · [line 12](<https://git.example/blob/main/a.md#L12>) (also 40, 41)", card.Fields.Single().Value);
    }

    [Fact]
    public void Fits_a_huge_note_into_discord_limits()
    {
        var longText = string.Concat(Enumerable.Repeat("台积电😀在2024年的**营收**是900亿美元，", 40));
        var claims = Enumerable.Range(1, 200).Select(i => MakeClaim(i, 0.8, longText)).ToList();
        NameWarning[] warnings = [new NameWarning("昇腾", [new NameVariantUse("升腾", [1, 2])], string.Concat(Enumerable.Repeat("昇腾写法不一致。", 300)))];
        var card = ReviewCardBuilder.Build(
            Note(string.Concat(Enumerable.Repeat("很长的标题😀", 100)), string.Concat(Enumerable.Repeat("很长的摘要。", 2000))),
            new ClaimExtraction(claims, warnings, "rules"),
            maxClaims: 200);

        Assert.True(TextFit.CodePoints(card.Title) <= ClaimCard.TitleLimit);
        Assert.True(TextFit.CodePoints(card.Description) <= ClaimCard.DescriptionLimit);
        Assert.True(card.Fields.Count <= ClaimCard.FieldCountLimit);
        Assert.All(card.Fields, static f => Assert.True(TextFit.CodePoints(f.Name) <= ClaimCard.FieldNameLimit && TextFit.CodePoints(f.Value) <= ClaimCard.FieldValueLimit));
        Assert.True(card.TotalLength <= ClaimCard.TotalLimit, $"total {card.TotalLength}");
        Assert.True(card.ClaimIds.Count > 0);
        Assert.Equal(200 - card.ClaimIds.Count, card.HiddenClaims);
        Assert.Contains($"{card.HiddenClaims} more not shown", card.Footer);
        Assert.All(card.Fields.Select(static f => f.Value).Append(card.Title).Append(card.Description), static text =>
        {
            Assert.False(char.IsHighSurrogate(text[^1]));
            Assert.Equal(0, (text.Length - text.Replace("**", "", StringComparison.Ordinal).Length) / 2 % 2);
        });
    }

    [Fact]
    public void Marks_a_generated_summary_and_formats_values()
    {
        var claim = MakeClaim(4, 0.9) with
        {
            Values = [new ClaimValue("percent", "60%左右", 0.6, null, "%", null, true), new ClaimValue("date", "2025年第一季度", null, null, null, "2025-Q1", false)],
        };
        var card = ReviewCardBuilder.Build(Note() with { Summary = new NoteSummary("开头。", true) }, new ClaimExtraction([claim], [], "rules"), 30);

        Assert.Contains("(generated", card.Description);
        Assert.Contains("→ ≈60%; 2025-Q1", card.Fields.Single().Value);
        Assert.Equal("0 must-check · 1 optional (rules).", card.Footer);
    }

    [Fact]
    public void Takes_the_summary_from_front_matter_or_else_the_opening_sentences()
    {
        Assert.Equal(new NoteSummary("已有摘要", false), NoteSummary.Create(" 已有摘要 ", "正文。"));
        var generated = NoteSummary.Create(null, "---\ntitle: x\n---\n\n# 标题\n\n第一句话。第二句话。\n\n" + new string('长', 400) + "。", maxLength: 20);
        Assert.Equal(new NoteSummary("第一句话。第二句话。", true), generated);
        var cut = NoteSummary.Create("", new string('长', 400) + "。", maxLength: 20);
        Assert.True(cut.Generated);
        Assert.Equal(20, TextFit.CodePoints(cut.Text));
    }
}
