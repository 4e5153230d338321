using System.Text;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Tests.Content;

/// <summary>The operational side of publishing (front-matter.md §6.4, §6.5): links, modes, concurrency, crashes, size.</summary>
public sealed class PublisherTests
{
    private const string Draft = "---\ntitle: 样例\ndraft: true\nstatus: evergreen\n---\n\n正文。\n";
    private const string Published = "---\ntitle: 样例\ndraft: false\nstatus: published\n---\n\n正文。\n";
    private static readonly DateTime s_oldTime = new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void Keeps_the_file_mode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var temp = new TempFolder();
        var path = temp.Write("note.md", Draft);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);

        Assert.Equal(PublishOutcome.Published, Publisher.Publish(temp.Path, path, new(), DraftDialect.Eleventy).Outcome);

        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Equal(Published, File.ReadAllText(path));
    }

    [Fact]
    public void Follows_a_symlink_whose_target_is_inside_the_root_and_keeps_the_link()
    {
        using var temp = new TempFolder();
        var target = temp.Write("real/note.md", Draft);
        var link = Path.Combine(temp.Path, "link.md");
        File.CreateSymbolicLink(link, Path.Combine("real", "note.md"));

        var result = Publisher.Publish(temp.Path, link, new(), DraftDialect.Eleventy);

        Assert.Equal(PublishOutcome.Published, result.Outcome);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(Published, File.ReadAllText(target));
    }

    [Fact]
    public void Refuses_a_symlink_that_leads_outside_the_root()
    {
        using var outside = new TempFolder();
        using var temp = new TempFolder();
        var target = outside.Write("note.md", Draft);
        File.SetLastWriteTimeUtc(target, s_oldTime);
        var link = Path.Combine(temp.Path, "link.md");
        File.CreateSymbolicLink(link, target);

        var result = Publisher.Publish(temp.Path, link, new(), DraftDialect.Eleventy);

        Assert.Equal(PublishOutcome.Refused, result.Outcome);
        Assert.Contains("outside the content folder", result.Reason);
        Assert.Equal(Draft, File.ReadAllText(target));
        Assert.Equal(s_oldTime, File.GetLastWriteTimeUtc(target));
    }

    [Fact]
    public void Refuses_a_dangling_symlink_and_a_file_outside_the_root()
    {
        using var temp = new TempFolder();
        using var outside = new TempFolder();
        var link = Path.Combine(temp.Path, "gone.md");
        File.CreateSymbolicLink(link, Path.Combine(temp.Path, "missing.md"));
        Assert.Equal(PublishOutcome.Refused, Publisher.Publish(temp.Path, link, new(), DraftDialect.Eleventy).Outcome);

        var elsewhere = outside.Write("note.md", Draft);
        var result = Publisher.Publish(temp.Path, elsewhere, new(), DraftDialect.Eleventy);
        Assert.Equal(PublishOutcome.Refused, result.Outcome);
        Assert.Equal(Draft, File.ReadAllText(elsewhere));
    }

    [Fact]
    public void Refuses_when_the_file_changed_since_it_was_read()
    {
        using var temp = new TempFolder();
        var path = temp.Write("note.md", Draft);
        var read = NoteFile.Read(path);
        File.WriteAllText(path, Draft.Replace("正文", "改过的正文"));
        File.SetLastWriteTimeUtc(path, s_oldTime);
        var changed = File.ReadAllBytes(path);

        var result = Publisher.Publish(temp.Path, path, new(), DraftDialect.Eleventy, expectedContentHash: read.ContentHash);

        Assert.Equal(PublishOutcome.Changed, result.Outcome);
        Assert.Equal(changed, File.ReadAllBytes(path));
        Assert.Equal(s_oldTime, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Publishes_when_the_expected_hash_matches()
    {
        using var temp = new TempFolder();
        var path = temp.Write("note.md", Draft);
        var read = NoteFile.Read(path);
        var result = Publisher.Publish(temp.Path, path, new(), DraftDialect.Eleventy, expectedContentHash: read.ContentHash);
        Assert.Equal(PublishOutcome.Published, result.Outcome);
        Assert.Equal(NoteFile.Read(path).ContentHash, result.ContentHash);
    }

    [Fact]
    public void Deletes_temp_files_a_crash_left_behind_and_nothing_else()
    {
        using var temp = new TempFolder();
        var note = temp.Write("sub/note.md", Draft);
        var stale = temp.Write($"sub/.note.md.0123456789abcdef{AtomicFile.TempSuffix}", Published);
        var other = temp.Write("sub/keep.tmp", "x");

        var deleted = Publisher.DeleteStaleTempFiles(temp.Path);

        Assert.Equal([stale], deleted);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(other));
        Assert.Equal(Draft, File.ReadAllText(note));
    }

    [Fact]
    public void Publishes_a_very_long_file_leaving_the_body_intact()
    {
        using var temp = new TempFolder();
        var body = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            body.Append("第").Append(i).Append("行：数字 ").Append(i * 7).Append('\n');
        }
        var path = temp.Write("long.md", "---\ntitle: 长\ndraft: true\n---\n" + body);

        Assert.Equal(PublishOutcome.Published, Publisher.Publish(temp.Path, path, new(), DraftDialect.Eleventy).Outcome);

        Assert.Equal("---\ntitle: 长\ndraft: false\nstatus: published\n---\n" + body, File.ReadAllText(path));
    }

    [Fact]
    public void Refuses_front_matter_larger_than_the_cap()
    {
        using var temp = new TempFolder();
        var huge = "---\ndraft: true\n" + string.Concat(Enumerable.Repeat("k: 值值值值值值值值值值\n", 5000)) + "---\n";
        var path = temp.Write("huge.md", huge);
        File.SetLastWriteTimeUtc(path, s_oldTime);

        var result = Publisher.Publish(temp.Path, path, new(), DraftDialect.Eleventy);

        Assert.Equal(PublishOutcome.Refused, result.Outcome);
        Assert.Contains("KiB", result.Reason);
        Assert.Equal(s_oldTime, File.GetLastWriteTimeUtc(path));
        Assert.False(FrontMatter.Parse(Encoding.UTF8.GetBytes(huge)).IsDraft);
    }

    [Fact]
    public void Refuses_deep_nesting_without_crashing()
    {
        using var temp = new TempFolder();
        var deep = "---\ndraft: true\nx: " + new string('[', 20_000) + new string(']', 20_000) + "\n---\n";
        var path = temp.Write("deep.md", deep);
        var result = Publisher.Publish(temp.Path, path, new(), DraftDialect.Eleventy);
        Assert.Equal(PublishOutcome.Refused, result.Outcome);
        Assert.Equal(3, result.Line);
    }

    [Fact]
    public void Writes_the_configured_values()
    {
        using var temp = new TempFolder();
        var path = temp.Write("note.md", "---\ndraft: true\n---\n");
        var result = Publisher.Publish(temp.Path, path, new PublishSettings("False", "live"), DraftDialect.Eleventy);
        Assert.Equal(PublishOutcome.Published, result.Outcome);
        Assert.Equal("---\ndraft: False\nstatus: live\n---\n", File.ReadAllText(path));
    }

    [Fact]
    public void Refuses_a_draft_value_that_would_still_be_a_draft()
    {
        using var temp = new TempFolder();
        var path = temp.Write("note.md", Draft);
        var result = Publisher.Publish(temp.Path, path, new PublishSettings("no", "published"), DraftDialect.Eleventy);
        Assert.Equal(PublishOutcome.Refused, result.Outcome);
        Assert.Equal(Draft, File.ReadAllText(path));
    }

    [Fact]
    public void Unpublish_puts_back_the_draft_and_removes_an_inserted_status_line()
    {
        using var temp = new TempFolder();
        const string before = "---\r\n  title: 样例\r\n  draft: yes # 上游\r\n  tags: [a]\r\n---\r\n正文";
        var path = temp.Write("note.md", before);

        var published = Publisher.Publish(temp.Path, path, new(), DraftDialect.Eleventy);
        Assert.True(published.StatusInserted);
        Assert.Equal("yes", published.PreviousDraft);
        Assert.Equal("---\r\n  title: 样例\r\n  draft: false # 上游\r\n  status: published\r\n  tags: [a]\r\n---\r\n正文", File.ReadAllText(path));

        var back = Publisher.Unpublish(temp.Path, path, published.PreviousDraft!, previousStatus: null, DraftDialect.Eleventy, published.ContentHash);
        Assert.Equal(PublishOutcome.Unpublished, back.Outcome);
        Assert.Equal(before, File.ReadAllText(path));

        Assert.Equal(PublishOutcome.AlreadyADraft, Publisher.Unpublish(temp.Path, path, "true", null, DraftDialect.Eleventy).Outcome);
    }

    [Fact]
    public void Hugo_dialect_refuses_a_draft_key_spelled_differently()
    {
        using var temp = new TempFolder();
        var path = temp.Write("note.md", "---\nDraft: true\n---\n");
        var result = Publisher.Publish(temp.Path, path, new(), DraftDialect.Hugo);
        Assert.Equal(PublishOutcome.Refused, result.Outcome);
        Assert.Equal(2, result.Line);
    }
}
