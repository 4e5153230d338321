using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Tests.Content;

public sealed class ContentTreeTests
{
    [Fact]
    public void Finds_markdown_recursively_and_skips_hidden_folders_node_modules_and_site()
    {
        using var temp = new TempFolder();
        temp.Write("a.md", "x");
        temp.Write("sub/b.md", "yy");
        temp.Write("sub/deeper/c.markdown", "z");
        temp.Write("notes.txt", "n");
        temp.Write(".git/d.md", "h");
        temp.Write("sub/.hidden/e.md", "h");
        temp.Write("node_modules/pkg/readme.md", "h");
        temp.Write("_site/out.md", "h");

        var files = ContentTree.Enumerate(temp.Path);

        Assert.Equal(["a.md", "sub/b.md", "sub/deeper/c.markdown"], files.Select(f => f.RelativePath));
        var b = files[1];
        Assert.Equal(Path.Combine(temp.Path, "sub", "b.md"), b.FullPath);
        Assert.Equal(2, b.Length);
        Assert.Equal(File.GetLastWriteTimeUtc(b.FullPath), b.LastWriteTimeUtc);
    }

    [Fact]
    public void Reports_a_linked_note_with_its_targets_size_and_does_not_follow_linked_folders()
    {
        using var temp = new TempFolder();
        var target = temp.Write("real/a.md", "12345");
        File.CreateSymbolicLink(Path.Combine(temp.Path, "link.md"), target);
        Directory.CreateSymbolicLink(Path.Combine(temp.Path, "real", "loop"), temp.Path);

        var files = ContentTree.Enumerate(temp.Path);

        Assert.Equal(["link.md", "real/a.md"], files.Select(f => f.RelativePath));
        Assert.Equal(5, files[0].Length);
        Assert.Equal(File.GetLastWriteTimeUtc(target), files[0].LastWriteTimeUtc);
    }

    [Fact]
    public void A_missing_root_is_reported()
    {
        Assert.Throws<DirectoryNotFoundException>(() => ContentTree.Enumerate("/nonexistent/editorialbot/content"));
    }
}
