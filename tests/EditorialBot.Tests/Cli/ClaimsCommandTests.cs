using System.Text.Json;

namespace EditorialBot.Tests.Cli;

public sealed class ClaimsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("claims-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteNote(string body, string frontMatter = "title: 芯片观察\nsource: https://example.org/v/1\nspeaker: 主播\ndate: '2025-01-02'\ntags: [chips, ai]\ndraft: true\n")
    {
        var path = Path.Combine(_dir, "note.md");
        File.WriteAllText(path, $"---\n{frontMatter}---\n\n{body}");
        return path;
    }

    [Fact]
    public async Task Prints_claims_as_a_json_array()
    {
        var path = WriteNote("大家好。\n\n路透社在2023年9月份指出，中国正在筹划400亿美元的大基金。\n\n升腾910C的性能据说能达到H100的60%左右。\n");

        var (code, stdout, stderr) = await CommandLineTests.Run("claims", path, "--json");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var claims = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(2, claims.GetArrayLength());
        var first = claims[0];
        Assert.Equal(["number", "id", "text", "line", "lines", "kind", "tier", "score", "reasons", "values", "before", "after"], first.EnumerateObject().Select(static p => p.Name));
        Assert.Equal([1, 2], claims.EnumerateArray().Select(static c => c.GetProperty("number").GetInt32()));
        Assert.Equal("check", first.GetProperty("tier").GetString());
        Assert.Equal("大家好。", first.GetProperty("before").GetString());
        Assert.Equal(12, first.GetProperty("line").GetInt32());
        Assert.Equal("attribution", first.GetProperty("kind").GetString());
        Assert.Equal("2023-09", first.GetProperty("values")[0].GetProperty("period").GetString());
        Assert.Equal(40000000000, first.GetProperty("values")[1].GetProperty("value").GetDouble());
        Assert.Contains("中国正在筹划", stdout); // readable, not \u-escaped
    }

    [Fact]
    public async Task Prints_a_numbered_list_with_kind_line_and_name_warnings()
    {
        var path = WriteNote("路透社在2023年9月份指出，中国正在筹划400亿美元的大基金。\n\n升腾910C的性能据说能达到H100的60%左右。\n");

        var (code, stdout, _) = await CommandLineTests.Run("claims", path);

        Assert.Equal(0, code);
        Assert.StartsWith("1. [check] [attribution] line 10: 路透社在2023年9月份指出", stdout);
        Assert.Matches(@"\n2\. \[(check|optional)\] \[[a-z_]+\] line 12: 升腾910C", stdout);
        Assert.Contains("2 claims: ", stdout);
        Assert.Contains("warning: 昇腾 is written several ways", stdout);
    }

    [Fact]
    public async Task Prints_the_review_card_with_title_link_summary_claims_and_warnings()
    {
        var path = WriteNote("路透社在2023年9月份指出，中国正在筹划400亿美元的大基金。\n\n升腾910C的性能据说能达到H100的60%左右。\n");

        var (code, stdout, _) = await CommandLineTests.Run("card", path, "--Claims:MaxPerEpisode=1", "--Claims:MustCheckMax=1",
            $"--Content:Root={_dir}", "--Content:BrowseUrl=https://github.com/org/site/blob/main/posts/{path}#L{line}");

        Assert.Equal(0, code);
        Assert.StartsWith("# [芯片观察](https://example.org/v/1)", stdout);
        Assert.Contains("**Summary** (generated from the opening)\n路透社在2023年9月份指出", stdout);
        Assert.Contains("**Speaker** 主播 · **Date** 2025-01-02 · **Tags** chips, ai", stdout);
        Assert.Contains("## Name check", stdout);
        Assert.Contains("## Must check\n`1` **attribution** · [line 10](<https://github.com/org/site/blob/main/posts/note.md#L10>)", stdout);
        Assert.Contains("1 must-check · 1 optional · 1 of 2 claims shown, 1 more not shown", stdout);
        // The thread: the check-tier claim on its own with the sentence after it, the optional one in a list.
        Assert.Contains("**1.** attribution · must check · [line 10](<https://github.com/org/site/blob/main/posts/note.md#L10>)\n> 路透社", stdout);
        Assert.Contains("\n-# 升腾910C", stdout);
        Assert.Contains("**Optional claims**", stdout);
        Assert.Contains("`2` ▫️ [line 12]", stdout);
    }

    [Fact]
    public async Task Falls_back_to_the_rules_when_the_configured_llm_is_unreachable()
    {
        var path = WriteNote("路透社在2023年9月份指出，中国正在筹划400亿美元的大基金。\n");
        var (rulesCode, rulesOut, _) = await CommandLineTests.Run("claims", path, "--json");

        var (code, stdout, _) = await CommandLineTests.Run("claims", path, "--json",
            "--Claims:Llm:Enabled=true", "--Claims:Llm:Endpoint=http://127.0.0.1:9/v1", "--Claims:Llm:TimeoutSeconds=5");

        Assert.Equal((0, 0), (rulesCode, code));
        Assert.Equal(rulesOut, stdout);
    }

    [Fact]
    public async Task Names_a_missing_file()
    {
        var missing = Path.Combine(_dir, "nope.md");
        var (code, _, stderr) = await CommandLineTests.Run("claims", missing);
        Assert.Equal(1, code);
        Assert.Contains(missing, stderr);
    }

    [Fact]
    public async Task Refuses_a_card_for_broken_front_matter_naming_file_and_line()
    {
        var path = WriteNote("正文。\n", frontMatter: "title: [unclosed\ndraft: true\n");
        var (code, _, stderr) = await CommandLineTests.Run("card", path);
        Assert.Equal(1, code);
        Assert.Contains(path + ":", stderr);
    }

    [Fact]
    public async Task Names_a_configured_glossary_that_does_not_exist()
    {
        var path = WriteNote("正文。\n");
        var (code, _, stderr) = await CommandLineTests.Run("claims", path, $"--Claims:Glossary={_dir}/missing.yaml");
        Assert.Equal(1, code);
        Assert.Contains("missing.yaml", stderr);
    }
}
