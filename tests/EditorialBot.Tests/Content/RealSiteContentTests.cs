using System.Text;
using System.Text.Json;
using EditorialBot.Bot.Cli;
using EditorialBot.Tests.Cli;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Tests.Content;

/// <summary>Content-engine behaviours found on real sites (Jekyll, blogdown, Eleventy), each on real files.</summary>
public sealed class RealSiteContentTests
{
    [Fact]
    public void Jekyll_closes_front_matter_with_dots_and_publishing_keeps_them()
    {
        using var temp = new TempFolder();
        const string Before = "---\ntitle: 点号结尾\ndraft: true\n...\n\n正文第一段。\n";
        var path = temp.Write("_posts/2025-01-02-dots.md", Before);

        var jekyll = NoteFile.Read(path, DraftDialect.Jekyll).FrontMatter;
        Assert.Null(jekyll.Error);
        Assert.True(jekyll.IsDraft);
        Assert.Equal(5, jekyll.BodyStartLine);
        // Eleventy's gray-matter closes only on '---': the same file is no front matter to it.
        Assert.False(NoteFile.Read(path, DraftDialect.Eleventy).FrontMatter.IsDraft);

        var result = Publisher.Publish(temp.Path, path, new PublishSettings(), DraftDialect.Jekyll);

        Assert.Equal(PublishOutcome.Published, result.Outcome);
        Assert.Equal("---\ntitle: 点号结尾\ndraft: false\nstatus: published\n...\n\n正文第一段。\n", File.ReadAllText(path));
    }

    [Fact]
    public void Jekyll_reads_front_matter_behind_a_bom_in_posts_and_drafts_but_not_in_pages()
    {
        using var temp = new TempFolder();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("---\ntitle: 有BOM\ndraft: true\n---\n正文\n")).ToArray();
        var post = temp.Write("_posts/2025-01-02-bom.md", bytes);
        var draft = temp.Write("_drafts/bom.md", bytes);
        var page = temp.Write("about/bom.md", bytes);

        Assert.True(NoteFile.Read(post, DraftDialect.Jekyll).FrontMatter.IsDraft);
        Assert.True(NoteFile.Read(draft, DraftDialect.Jekyll).FrontMatter.IsDraft);
        var pageRead = NoteFile.Read(page, DraftDialect.Jekyll).FrontMatter;
        Assert.False(pageRead.IsDraft);
        Assert.Contains(pageRead.Warnings, w => w.Contains("byte order mark", StringComparison.Ordinal));
        // The scan reads only the head of each file and must agree with the full read.
        var scanned = ContentScanner.Scan(temp.Path, DraftDialect.Jekyll).ToDictionary(e => e.File.RelativePath, e => e.FrontMatter.IsDraft);
        Assert.Equal(new Dictionary<string, bool> { ["_drafts/bom.md"] = true, ["_posts/2025-01-02-bom.md"] = true, ["about/bom.md"] = false }, scanned);
    }

    [Theory]
    [InlineData(false, "UTF-16 LE")]
    [InlineData(true, "UTF-16 BE")]
    public void A_utf16_note_gets_a_warning_naming_the_encoding(bool bigEndian, string named)
    {
        using var temp = new TempFolder();
        var text = bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode;
        temp.Write("utf16.md", text.GetPreamble().Concat(text.GetBytes("---\ntitle: 十六位\ndraft: true\n---\n正文\n")).ToArray());
        temp.Write("no-bom.md", text.GetBytes("---\ndraft: true\n---\n"));

        var entries = ContentScanner.Scan(temp.Path, DraftDialect.Eleventy);

        Assert.All(entries, e =>
        {
            Assert.False(e.FrontMatter.IsDraft);
            Assert.Contains(e.FrontMatter.Warnings, w => w.Contains(named, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void The_data_cascade_warning_fires_only_where_a_data_file_can_set_draft()
    {
        using var temp = new TempFolder();
        temp.Write("docs/docs.11tydata.js", "module.exports = { layout: \"docs.njk\", tags: [\"docs\"] };");
        temp.Write("docs/a.md", "---\ntitle: 文档\n---\n");
        temp.Write("blog/blog.11tydata.json", "{ \"layout\": \"post.njk\", \"note\": \"no draft here as a key\" }");
        temp.Write("blog/b.md", "---\ntitle: 博客\n---\n");
        temp.Write("wip/wip.11tydata.js", "module.exports = { eleventyComputed: { draft: data => !data.ready } };");
        temp.Write("wip/c.md", "---\ntitle: 计算\n---\n");
        temp.Write("news/news.11tydata.json", "{ \"eleventyComputed\": { \"draft\": \"{{ ready }}\" } }");
        temp.Write("news/d.md", "---\ntitle: 新闻\n---\n");
        temp.Write("talks/talks.11tydata.yaml", "layout: talk.njk\ndraft: true\n");
        temp.Write("talks/e.md", "---\ntitle: 演讲\n---\n");

        var warned = ContentScanner.Scan(temp.Path, DraftDialect.Eleventy)
            .Where(e => e.FrontMatter.Warnings.Any(w => w.Contains("data cascade", StringComparison.Ordinal)))
            .Select(e => e.File.RelativePath);

        Assert.Equal(["news/d.md", "talks/e.md", "wip/c.md"], warned);
    }

    [Fact]
    public void An_r_markdown_source_is_the_note_and_its_rendered_siblings_are_not()
    {
        using var temp = new TempFolder();
        var source = temp.Write("content/post/2025-01-02-r/index.Rmd", "---\ntitle: R笔记\ndraft: true\n---\n```{r}\n1 + 1\n```\n");
        temp.Write("content/post/2025-01-02-r/index.html", "---\ntitle: R笔记\ndraft: true\n---\n<p>2</p>\n");
        temp.Write("content/post/2025-01-02-r/index.md", "---\ntitle: R笔记\ndraft: true\n---\n2\n");
        temp.Write("content/post/other.Rmarkdown", "---\ntitle: 另一个\ndraft: true\n---\n");
        temp.Write("content/post/other.markdown", "---\ntitle: 另一个\ndraft: true\n---\n");
        temp.Write("content/post/plain.md", "---\ntitle: 普通\ndraft: true\n---\n");

        var paths = ContentScanner.Scan(temp.Path, DraftDialect.Hugo).Select(e => e.File.RelativePath);
        Assert.Equal(["content/post/2025-01-02-r/index.Rmd", "content/post/other.Rmarkdown", "content/post/plain.md"], paths);
        // Content:Extensions narrows what counts as a note.
        Assert.Equal(["content/post/2025-01-02-r/index.md", "content/post/other.markdown", "content/post/plain.md"],
            ContentTree.Enumerate(temp.Path, [".md", ".markdown"]).Select(f => f.RelativePath));

        Assert.Equal(PublishOutcome.Published, Publisher.Publish(temp.Path, source, new PublishSettings(), DraftDialect.Hugo).Outcome);
        Assert.StartsWith("---\ntitle: R笔记\ndraft: false\n", File.ReadAllText(source));
    }

    [Fact]
    public void Generator_output_folders_are_not_read_as_notes()
    {
        using var temp = new TempFolder();
        temp.Write("eleventy.config.js", "export default function (config) { return { dir: { input: \"src\", output: \"dist\" } }; }");
        temp.Write("src/posts/a.md", "---\ndraft: true\n---\n");
        temp.Write("dist/posts/a/index.md", "---\ndraft: true\n---\n");
        temp.Write("_site/posts/a.md", "---\ndraft: true\n---\n");
        temp.Write("public/posts/a.md", "---\ndraft: true\n---\n");

        Assert.Equal(["src/posts/a.md"], ContentTree.Enumerate(temp.Path).Select(f => f.RelativePath));
        // The config one folder up still names the output when the content root is the input folder's parent's child.
        temp.Write("src/dist/b.md", "---\ndraft: true\n---\n");
        Assert.Equal(["dist/b.md", "posts/a.md"], ContentTree.Enumerate(temp.File("src")).Select(f => f.RelativePath));
    }

    [Theory]
    [InlineData("no-front-matter.md", "标题\n\n正文\n")]
    [InlineData("unclosed.md", "---\ntitle: 未闭合\ndraft: true\n\n正文\n")]
    [InlineData("rule.md", "---\n\n一段文字\n\n---\n\n更多\n")]
    public async Task Publish_of_a_file_that_is_not_a_draft_exits_0_saying_so(string name, string text)
    {
        using var temp = new TempFolder();
        var path = temp.Write(name, text);
        var before = File.ReadAllBytes(path);

        var (code, stdout, stderr) = await CommandLineTests.Run("publish", name, "--content", temp.Path, "--force", "--by", "admin", "--db", temp.File("e.db"));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("not a draft", stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("not-a-draft", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Eleventy_refuses_a_nul_or_control_character_in_front_matter_as_js_yaml_does()
    {
        var nul = FrontMatter.Parse("---\ntitle: a\0b\ndraft: true\n---\n"u8, DraftDialect.Eleventy);
        Assert.False(nul.IsDraft);
        Assert.Equal(2, nul.Error!.Line);
        Assert.Contains("NUL", nul.Error.Message);

        var control = FrontMatter.Parse("---\ndraft: true\nsummary: \"bell \u0007\"\n---\n"u8, DraftDialect.Eleventy);
        Assert.Equal(3, control.Error!.Line);
        Assert.Contains("U+0007", control.Error.Message);

        // Tabs and NEL are fine for js-yaml; Hugo does not use js-yaml.
        Assert.Null(FrontMatter.Parse("---\ntitle: \"a\tb\"\ndraft: true\n---\n"u8, DraftDialect.Eleventy).Error);
        Assert.DoesNotContain("NUL", FrontMatter.Parse("---\ntitle: a\0b\ndraft: true\n---\n"u8, DraftDialect.Hugo).Error?.Message ?? "");
    }
}
