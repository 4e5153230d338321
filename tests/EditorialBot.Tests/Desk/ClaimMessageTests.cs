using EditorialBot.Bot.Desk;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Tests.Desk;

/// <summary>Thread messages for claims stay within Discord's 2000 code points, whatever the note.</summary>
public sealed class ClaimMessageTests
{
    private static readonly LineLinks s_links = new("https://git.example/org/site/blob/main/posts/{path}#L{line}");

    private static ReviewClaim MakeClaim(int number, string text, ClaimTier tier = ClaimTier.Optional) =>
        new(number, number, $"{number:x16}", "quantity", number + 10, text, 0.7, ClaimVerdict.Unverified, null, null, null)
        {
            Tier = tier,
            Lines = [number + 10, number + 500],
            Before = "前一句。",
            After = "后一句😀" + new string('长', 300),
        };

    [Fact]
    public void A_thousand_optional_claims_are_listed_once_each_in_messages_within_the_limit()
    {
        var text = string.Concat(Enumerable.Repeat("台积电😀在2024年的**营收**是900亿美元，", 20));
        var claims = Enumerable.Range(1, 1000).Select(i => MakeClaim(i, text)).ToList();

        var messages = DeskRenderer.OptionalLists(claims, "2025/长文件名 一.md", s_links);

        Assert.All(messages, static m => Assert.True(TextFit.CodePoints(m.Content) <= 2000, $"{TextFit.CodePoints(m.Content)} code points"));
        Assert.Equal(Enumerable.Range(1, 1000), messages.SelectMany(static m => m.Claims).Select(static c => c.Number));
        Assert.True(messages.Count < 200, $"{messages.Count} messages for 1000 claims");
        Assert.Contains("(<https://git.example/org/site/blob/main/posts/2025/%E9%95%BF%E6%96%87%E4%BB%B6%E5%90%8D%20%E4%B8%80.md#L11>)", messages[0].Content);
        var reRendered = DeskRenderer.OptionalList([.. messages[3].Claims.Select(static c => c with { Verdict = ClaimVerdict.NotAClaim })]);
        Assert.True(TextFit.CodePoints(reRendered) <= 2000);
        Assert.Equal(messages[3].Claims.Count, reRendered.Split('\n').Length - 1);
    }

    [Fact]
    public void A_check_claim_message_quotes_the_claim_between_its_neighbours_within_the_limit()
    {
        var message = DeskRenderer.ClaimMessage(MakeClaim(7, string.Concat(Enumerable.Repeat("很长的句子😀", 600)), ClaimTier.Check), "a.md", s_links);

        Assert.True(TextFit.CodePoints(message) <= 2000);
        Assert.StartsWith("**7.** quantity · must check · [line 17](<https://git.example/org/site/blob/main/posts/a.md#L17>) (also 507)\n-# 前一句。\n> 很长", message);
        Assert.Contains("\n-# 后一句😀", message);
        Assert.EndsWith("react ✅ verified · ❌ false · ❓ needs source · ➖ not a claim", message);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("https://github.com/org/site/blob/main/{path}#L{line}", null)]
    [InlineData("https://github.com/org/site/blob/main/#L{line}", "{path}")]
    [InlineData("file:///srv/{path}", "absolute http(s)")]
    public void The_browse_url_template_is_checked(string? template, string? problem)
    {
        var found = LineLinks.Check(template);
        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found);
        }
    }
}
