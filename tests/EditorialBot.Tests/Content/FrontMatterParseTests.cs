using System.Text;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Tests.Content;

public sealed class FrontMatterParseTests
{
    private static FrontMatterResult Parse(string text, DraftDialect dialect = DraftDialect.Eleventy) =>
        FrontMatter.Parse(Encoding.UTF8.GetBytes(text), dialect);

    [Fact]
    public void Reads_the_values_editors_see_and_where_the_body_starts()
    {
        var result = Parse("---\ntitle: 标题\nsummary: '概要'\nstatus: evergreen\nsource: https://example.org/v\nspeaker: 某人\ndate: '2025-01-02'\ndraft: true\ntags:\n- a\n- b\n---\n\n正文\n");
        Assert.Null(result.Error);
        Assert.True(result.IsDraft);
        Assert.Equal("标题", result.Title);
        Assert.Equal("概要", result.Summary);
        Assert.Equal("evergreen", result.Status);
        Assert.Equal("https://example.org/v", result.Source);
        Assert.Equal("某人", result.Speaker);
        Assert.Equal("2025-01-02", result.Date);
        Assert.Equal(["a", "b"], result.Tags);
        Assert.Equal("true", result.Draft);
        Assert.Equal(13, result.BodyStartLine);
        var bytes = Encoding.UTF8.GetBytes("---\ntitle: 标题\nsummary: '概要'\nstatus: evergreen\nsource: https://example.org/v\nspeaker: 某人\ndate: '2025-01-02'\ndraft: true\ntags:\n- a\n- b\n---\n\n正文\n");
        Assert.Equal("\n正文\n", Encoding.UTF8.GetString(bytes.AsSpan(result.BodyByteOffset)));
    }

    [Fact]
    public void Reports_a_yaml_error_with_its_file_line_and_is_not_a_draft()
    {
        var result = Parse("---\ntitle: ok\ndraft: true\ntags: [a, b\nsummary: x\n---\nbody\n");
        Assert.NotNull(result.Error);
        Assert.False(result.IsDraft);
        Assert.InRange(result.Error!.Line, 4, 6);
    }

    [Fact]
    public void Refuses_duplicate_keys_like_js_yaml_and_names_both_lines()
    {
        var result = Parse("---\ndraft: true\ntitle: t\ndraft: false\n---\n");
        Assert.False(result.IsDraft);
        Assert.Equal(4, result.Error!.Line);
        Assert.Contains("line 2", result.Error.Message);
    }

    [Fact]
    public void Unclosed_front_matter_is_an_error_on_line_1()
    {
        var result = Parse("---\ndraft: true\ntitle: t\n");
        Assert.False(result.IsDraft);
        Assert.Equal(1, result.Error!.Line);
    }

    [Fact]
    public void Stops_deep_nesting_before_it_can_hurt()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var result = Parse($"---\ndraft: true\nx: {deep}\n---\n");
        Assert.False(result.IsDraft);
        Assert.Contains("nesting", result.Error!.Message);
        Assert.Equal(3, result.Error.Line);
    }

    [Fact]
    public void Hugo_dialect_reports_toml_front_matter_it_cannot_read()
    {
        var toml = "+++\ndraft = true\n+++\n正文\n";
        Assert.Contains(Parse(toml).Warnings, w => w.Contains("TOML"));
        Assert.Null(Parse(toml).Error);
        Assert.Equal(1, Parse(toml, DraftDialect.Hugo).Error!.Line);
        Assert.False(Parse(toml, DraftDialect.Hugo).IsDraft);
    }

    [Fact]
    public void Jekyll_dialect_sees_no_draft_behind_a_byte_order_mark()
    {
        var text = "\uFEFF---\ndraft: true\n---\n";
        Assert.True(Parse(text).IsDraft);
        Assert.True(Parse(text, DraftDialect.Hugo).IsDraft);
        Assert.False(Parse(text, DraftDialect.Jekyll).IsDraft);
        Assert.Contains(Parse(text).Warnings, w => w.StartsWith("line 1:", StringComparison.Ordinal));
    }

    [Fact]
    public void Hugo_and_jekyll_dialects_keep_the_last_duplicate_with_a_warning()
    {
        var text = "---\ndraft: false\ndraft: true\n---\n";
        Assert.NotNull(Parse(text).Error);
        var hugo = Parse(text, DraftDialect.Hugo);
        Assert.Null(hugo.Error);
        Assert.True(hugo.IsDraft);
        Assert.Contains(hugo.Warnings, w => w.StartsWith("line 3: duplicate key 'draft'", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_values_through_an_alias_and_a_merge_key()
    {
        var result = Parse("---\nbase: &b\n  draft: true\n  title: 合并\n<<: *b\nstatus: &s evergreen\nsummary: *s\n---\n");
        Assert.Null(result.Error);
        Assert.True(result.IsDraft);
        Assert.Equal("合并", result.Title);
        Assert.Equal("evergreen", result.Summary);
    }

    [Fact]
    public void A_root_that_is_not_a_mapping_is_an_error_with_its_line()
    {
        var result = Parse("---\n\n- a\n- b\n---\n");
        Assert.Equal(3, result.Error!.Line);
        Assert.False(result.IsDraft);
    }

    [Theory]
    [InlineData("{% include \"x.njk\" %}\n正文\n")]
    [InlineData("{{ title }}\n")]
    public void A_template_tag_on_the_first_line_is_not_called_json_front_matter(string text)
    {
        var result = Parse(text);
        Assert.Empty(result.Warnings);
        Assert.False(result.IsDraft);
        Assert.Null(result.Error);
    }
}
