using EditorialBot.Workflow.Review;

namespace EditorialBot.Tests.Workflow.Review;

public sealed class ReviewRulesTests
{
    [Fact]
    public void Runtime_settings_override_the_configured_rules()
    {
        var rules = new ReviewRules().With([new("Review:RequiredApprovals", "2"), new("review:requireclaimsresolved", "false"), new("Review:RemindAfterHours", "12")]);
        Assert.Equal(new ReviewRules(2, false, 12), rules);
    }

    [Theory]
    [InlineData("Review:RequiredApprovals", "0")]
    [InlineData("Review:RequiredApprovals", "two")]
    [InlineData("Review:RequireClaimsResolved", "yes")]
    [InlineData("Review:RemindAfterHours", "-1")]
    [InlineData("Review:Nope", "1")]
    public void Bad_values_are_reported_and_not_applied(string key, string value)
    {
        List<string> problems = [];
        var rules = new ReviewRules().With([new(key, value)], problems);
        Assert.Equal(new ReviewRules(), rules);
        Assert.Single(problems);
        Assert.Contains(key.Split(':')[1], problems[0], StringComparison.OrdinalIgnoreCase);
    }
}
