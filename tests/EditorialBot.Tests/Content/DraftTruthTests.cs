using System.Text;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Tests.Content;

/// <summary>front-matter.md §1.5: how each generator reads a <c>draft</c> value (E = Eleventy, H = Hugo ≤0.151, J = Jekyll).</summary>
public sealed class DraftTruthTests
{
    public static TheoryData<string, bool, bool, bool> Values => new()
    {
        // front matter line      Eleventy  Hugo   Jekyll
        { "draft: true",            true,   true,  true },
        { "draft: True",            true,   true,  true },
        { "draft: TRUE",            true,   true,  true },
        { "draft: false",           false,  false, false },
        { "draft: False",           false,  false, false },
        { "draft: yes",             true,   true,  true },
        { "draft: no",              true,   false, false },
        { "draft: on",              true,   true,  true },
        { "draft: off",             true,   false, false },
        { "draft: y",               true,   true,  true },
        { "draft: t",               true,   true,  true },
        { "draft: \"true\"",        true,   true,  true },
        { "draft: 'false'",         true,   false, true },
        { "draft: 'yes'",           true,   false, true },
        { "draft: \"0\"",           true,   false, true },
        { "draft: \"\"",            false,  false, true },
        { "draft: 1",               true,   true,  true },
        { "draft: 0",               false,  false, true },
        { "draft: -0",              false,  false, true },
        { "draft: 0.0",             false,  false, true },
        { "draft: 0x0",             false,  false, true },
        { "draft: 2",               true,   true,  true },
        { "draft:",                 false,  false, false },
        { "draft: ~",               false,  false, false },
        { "draft: null",            false,  false, false },
        { "draft: []",              true,   false, true },
        { "draft: [x]",             true,   false, true },
        { "draft: {}",              true,   false, true },
        { "draft: 2024-01-01",      true,   false, true },
        { "draft: !!bool false",    false,  false, false },
        { "draft: !!str false",     true,   false, true },
        { "Draft: true",            false,  true,  false },
        { "DRAFT: yes",             false,  true,  false },
        { "summary: x",             false,  false, false },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Reads_draft_like_each_generator(string line, bool eleventy, bool hugo, bool jekyll)
    {
        var bytes = Encoding.UTF8.GetBytes($"---\ntitle: 样例\n{line}\n---\n正文\n");
        Assert.Equal(eleventy, FrontMatter.Parse(bytes, DraftDialect.Eleventy).IsDraft);
        Assert.Equal(hugo, FrontMatter.Parse(bytes, DraftDialect.Hugo).IsDraft);
        Assert.Equal(jekyll, FrontMatter.Parse(bytes, DraftDialect.Jekyll).IsDraft);
        Assert.Null(FrontMatter.Parse(bytes).Error);
    }

    [Theory]
    [InlineData("draft: yes")]
    [InlineData("draft: no")]
    [InlineData("draft: 'false'")]
    [InlineData("draft: \"0\"")]
    [InlineData("draft: 0")]
    [InlineData("draft: [x]")]
    [InlineData("Draft: true")]
    public void Warns_when_the_generators_disagree_naming_the_line(string line)
    {
        var result = FrontMatter.Parse(Encoding.UTF8.GetBytes($"---\ntitle: 样例\n{line}\n---\n"));
        Assert.Contains(result.Warnings, w => w.StartsWith("line 3: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("draft: true")]
    [InlineData("draft: false")]
    [InlineData("draft: \"true\"")]
    [InlineData("draft:")]
    public void Does_not_warn_when_every_generator_agrees(string line)
    {
        Assert.Empty(FrontMatter.Parse(Encoding.UTF8.GetBytes($"---\ntitle: 样例\n{line}\n---\n")).Warnings);
    }

    [Fact]
    public void The_dialect_setting_names_are_parsed()
    {
        Assert.Equal(DraftDialect.Eleventy, DraftDialects.Parse(null));
        Assert.Equal(DraftDialect.Eleventy, DraftDialects.Parse("eleventy"));
        Assert.Equal(DraftDialect.Hugo, DraftDialects.Parse("Hugo"));
        Assert.Equal(DraftDialect.Jekyll, DraftDialects.Parse("jekyll"));
        Assert.Throws<ArgumentException>(() => DraftDialects.Parse("gatsby"));
    }
}
