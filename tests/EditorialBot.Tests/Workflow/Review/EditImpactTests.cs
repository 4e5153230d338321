using EditorialBot.Workflow.Review;

namespace EditorialBot.Tests.Workflow.Review;

public sealed class EditImpactTests
{
    private static readonly ReviewedText s_before = new("芯片产能", "本期讨论产能", "body-1");

    [Fact]
    public void Metadata_only_edits_keep_approvals()
    {
        var impact = EditImpact.Of(s_before, s_before with { });
        Assert.False(impact.DismissesApprovals);
        Assert.Equal(s_before.Hash(), (s_before with { }).Hash());
    }

    [Theory]
    [InlineData("新标题", "本期讨论产能", "body-1", "title changed")]
    [InlineData("芯片产能", "新摘要", "body-1", "summary changed")]
    [InlineData("芯片产能", "本期讨论产能", "body-2", "body changed")]
    public void Title_summary_or_body_edits_dismiss_approvals_with_the_reason(string title, string summary, string body, string reason)
    {
        var after = new ReviewedText(title, summary, body);
        var impact = EditImpact.Of(s_before, after);
        Assert.True(impact.DismissesApprovals);
        Assert.Equal([reason], impact.Reasons);
        Assert.NotEqual(s_before.Hash(), after.Hash());
    }

    [Fact]
    public void Text_hash_separates_fields_so_moving_text_between_them_counts()
    {
        Assert.NotEqual(new ReviewedText("ab", "c", "x").Hash(), new ReviewedText("a", "bc", "x").Hash());
    }
}
