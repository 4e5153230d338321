using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Tests.Content;

public sealed class ContentScannerTests
{
    [Fact]
    public void Warns_where_an_eleventy_data_file_may_set_draft()
    {
        using var temp = new TempFolder();
        temp.Write("posts/posts.11tydata.json", "{ \"draft\": true }");
        temp.Write("posts/a.md", "---\ntitle: 无草稿键\n---\n");
        temp.Write("posts/b.md", "---\ntitle: 有草稿键\ndraft: false\n---\n");
        temp.Write("posts/deeper/c.md", "---\ntitle: 子目录\n---\n");
        temp.Write("other/other.11tydata.json", "{ \"layout\": \"post.njk\" }");
        temp.Write("other/d.md", "---\ntitle: 无关\n---\n");
        temp.Write("other/e.11tydata.js", "module.exports = { draft: process.env.PREVIEW !== \"1\" };");
        temp.Write("other/e.md", "---\ntitle: 模板数据\n---\n");

        var entries = ContentScanner.Scan(temp.Path, DraftDialect.Eleventy).ToDictionary(e => e.File.RelativePath);

        Assert.Equal(["other/d.md", "other/e.md", "posts/a.md", "posts/b.md", "posts/deeper/c.md"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(entries["posts/a.md"].FrontMatter.Warnings, w => w.Contains("posts/posts.11tydata.json"));
        Assert.Contains(entries["posts/deeper/c.md"].FrontMatter.Warnings, w => w.Contains("posts/posts.11tydata.json"));
        Assert.Empty(entries["posts/b.md"].FrontMatter.Warnings);
        Assert.Empty(entries["other/d.md"].FrontMatter.Warnings);
        Assert.Contains(entries["other/e.md"].FrontMatter.Warnings, w => w.Contains("other/e.11tydata.js"));
        Assert.All(entries.Values, e => Assert.False(e.FrontMatter.IsDraft));
    }

    [Fact]
    public void An_unreadable_note_is_reported_with_the_others_not_thrown()
    {
        using var temp = new TempFolder();
        temp.Write("ok.md", "---\ndraft: true\n---\n");
        File.CreateSymbolicLink(Path.Combine(temp.Path, "dangling.md"), Path.Combine(temp.Path, "missing.md"));

        var entries = ContentScanner.Scan(temp.Path, DraftDialect.Eleventy);

        Assert.Equal(["dangling.md", "ok.md"], entries.Select(e => e.File.RelativePath));
        Assert.False(entries[0].FrontMatter.IsDraft);
        Assert.Equal(1, entries[0].FrontMatter.Error!.Line);
        Assert.Contains("cannot read", entries[0].FrontMatter.Error!.Message);
        Assert.True(entries[1].FrontMatter.IsDraft);
    }
}
