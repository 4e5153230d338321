using EditorialBot.Workflow.Claims;

namespace EditorialBot.Tests.Review;

public sealed class TextFitTests
{
    [Fact]
    public void Counts_code_points_not_utf16_units()
    {
        Assert.Equal(3, TextFit.CodePoints("a😀中"));
        Assert.Equal(4, "a😀中".Length);
    }

    [Fact]
    public void Never_cuts_inside_a_surrogate_pair()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 10));
        for (var max = 1; max < 12; max++)
        {
            var fitted = TextFit.FitMarkdown(text, max);
            Assert.True(TextFit.CodePoints(fitted) <= max);
            Assert.DoesNotContain(fitted, static c => c == '\uFFFD');
            Assert.Equal(fitted.TrimEnd('…'), text[..fitted.TrimEnd('…').Length]);
            Assert.True(fitted.TrimEnd('…').Length % 2 == 0);
        }
    }

    [Theory]
    [InlineData("前面的文字 **加粗的内容很长很长** 后面", 14)]
    [InlineData("看 [路透社的报道](https://example.org/a/very/long/path) 吧", 20)]
    [InlineData("code `inline code here` end", 12)]
    public void Never_leaves_a_markdown_marker_or_link_half_open(string text, int max)
    {
        for (var limit = 2; limit <= max; limit++)
        {
            var fitted = TextFit.FitMarkdown(text, limit);
            Assert.True(TextFit.CodePoints(fitted) <= limit, fitted);
            Assert.EndsWith("…", fitted);
            Assert.Equal(0, Count(fitted, "**") % 2);
            Assert.Equal(0, fitted.Count(static c => c == '`') % 2);
            Assert.Equal(fitted.Count(static c => c == '['), fitted.Count(static c => c == ']'));
            Assert.Equal(fitted.Count(static c => c == '('), fitted.Count(static c => c == ')'));
        }
    }

    [Fact]
    public void Leaves_text_that_fits_alone() => Assert.Equal("**短**", TextFit.FitMarkdown("**短**", 5));

    private static int Count(string text, string marker) => (text.Length - text.Replace(marker, "", StringComparison.Ordinal).Length) / marker.Length;
}
