using System.Text.Json;
using EditorialBot.Bot.Cli;
using EditorialBot.Workflow.Claims;

namespace EditorialBot.Tests.Claims;

public sealed class RuleClaimExtractorTests
{
    private const string Note = """
        ---
        title: 测试
        summary: ''
        draft: true
        ---

        大家好，欢迎收看本期节目。

        **路透社**在2023年9月份指出，中国正在筹划第三期芯片大基金，一共是400亿美元。

        - 中国现在有39万片的产能。
        - 我觉得这个挺好的。

        > 华为的910C可能能够达到H100的60%左右的水平。

        ```
        台积电在2024年的营收是900亿美元。
        ```

        <div>英伟达2024年卖出了300万块GPU。</div>

        ![台积电2025年投资1000亿美元](chart.png)

        | 公司 | 数据 |
        |---|---|
        | 台积电 | 2024年第四季度毛利率59% |
        """;

    [Fact]
    public void Finds_claims_with_file_lines_kinds_and_values()
    {
        var claims = new RuleClaimExtractor().Extract(Note).Claims;

        Assert.Equal([9, 11, 14, 26], claims.Select(static c => c.Line));
        var reuters = claims[0];
        Assert.Equal("路透社在2023年9月份指出，中国正在筹划第三期芯片大基金，一共是400亿美元。", reuters.Text);
        Assert.Equal(ClaimKinds.Attribution, reuters.Kind);
        Assert.Contains("entity:路透社", reuters.Reasons);
        Assert.Equal(["2023-09", null], reuters.Values.Select(static v => v.Period));
        Assert.Equal(4.0e10, reuters.Values[1].Value);
        Assert.Equal("USD", reuters.Values[1].Unit);
        Assert.Equal(ClaimKinds.Comparison, claims[2].Kind);
        Assert.All(claims, static c => Assert.InRange(c.Score, 0, 1));
        Assert.Matches("^[0-9a-f]{16}$", reuters.Id);
    }

    [Fact]
    public void Skips_code_html_image_alt_text_and_front_matter()
    {
        var texts = new RuleClaimExtractor().Extract(Note).Claims.Select(static c => c.Text).ToList();
        Assert.DoesNotContain(texts, static t => t.Contains("900亿", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, static t => t.Contains("300万", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, static t => t.Contains("1000亿", StringComparison.Ordinal));
    }

    [Fact]
    public void Removes_bold_markers_next_to_CJK_punctuation_and_letters()
    {
        // CommonMark alone keeps these asterisks literal (the closing run sits between "%" and a CJK letter).
        var claim = Assert.Single(new RuleClaimExtractor().Extract("到了**2020年**，台积电的份额跌到了**10%**左右。").Claims);
        Assert.Equal("到了2020年，台积电的份额跌到了10%左右。", claim.Text);
    }

    [Fact]
    public void Keeps_claim_ids_when_the_rest_of_the_note_changes()
    {
        var extractor = new RuleClaimExtractor();
        var before = extractor.Extract(Note).Claims;
        var after = extractor.Extract(Note.Replace("大家好，欢迎收看本期节目。", "大家好。\n\n今天多说两句，新加了一段开场白。", StringComparison.Ordinal)).Claims;

        Assert.Equal(before.Select(static c => c.Id), after.Select(static c => c.Id));
        Assert.Equal(before.Select(static c => c.Line + 2), after.Select(static c => c.Line));
    }

    [Fact]
    public void Gives_the_same_id_to_full_width_and_half_width_spellings()
    {
        var extractor = new RuleClaimExtractor();
        var half = Assert.Single(extractor.Extract("台积电在2024年的营收是900亿美元。").Claims);
        var full = Assert.Single(extractor.Extract("台积电在２０２４年的营收是９００亿美元。").Claims);
        Assert.Equal(half.Id, full.Id);
        Assert.NotEqual(half.Text, full.Text);
    }

    [Fact]
    public void Extracting_twice_gives_byte_identical_json()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Claims", "Fixtures", "hbm-memory.md")) + Note;
        var first = JsonSerializer.SerializeToUtf8Bytes(new RuleClaimExtractor().Extract(text), CliJson.Options);
        var second = JsonSerializer.SerializeToUtf8Bytes(new RuleClaimExtractor().Extract(text), CliJson.Options);
        Assert.True(first.Length > 1000);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Splits_unpunctuated_transcripts_into_claims_of_at_most_300_characters()
    {
        var run = string.Concat(Enumerable.Repeat("然后呢台积电在2024年的资本开支大概是300亿美元左右 我们再看看英特尔的情况其实也差不多就是这样子的一个状态 ", 40));
        var claims = new RuleClaimExtractor().Extract(run).Claims;
        var sentences = new RuleClaimExtractor().Sentences(run);

        Assert.NotEmpty(claims);
        Assert.True(sentences.Count >= 40);
        Assert.All(sentences, static s => Assert.True(s.Text.Length <= SentenceSplitter.HardMax, s.Text));
    }

    [Fact]
    public void Cuts_a_run_without_any_break_at_300_characters_outside_numbers()
    {
        var run = new string('长', 650) + "123456";
        var spans = SentenceSplitter.Split(run);
        Assert.All(spans, static s => Assert.True(s.Length <= SentenceSplitter.HardMax));
        Assert.Equal(run.Length, spans.Sum(static s => s.Length));
        Assert.EndsWith("123456", run[spans[^1].Start..]);
    }

    [Theory]
    [InlineData("According to the IMF, global growth slowed to 3.2 percent in 2024.", true)]
    [InlineData("Reuters reported in March 2024 that the plant cost $40 billion.", true)]
    [InlineData("Thank you very much, it is great to be here tonight.", false)]
    [InlineData("What do you think about that?", false)]
    public void Reads_english_sentences(string sentence, bool isClaim) =>
        Assert.Equal(isClaim, new RuleClaimExtractor().Extract(sentence).Claims.Count == 1);

    [Fact]
    public void Splits_english_sentences_but_not_decimals_or_abbreviations()
    {
        var text = "The U.S. economy grew 3.5 percent. Mr. Smith disagreed. 中国增长了5%。";
        var spans = SentenceSplitter.Split(text).Select(s => text.Substring(s.Start, s.Length));
        Assert.Equal(["The U.S. economy grew 3.5 percent.", "Mr. Smith disagreed.", "中国增长了5%。"], spans);
    }
}
