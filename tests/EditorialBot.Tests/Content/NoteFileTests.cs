using System.Security.Cryptography;
using System.Text;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Tests.Content;

public sealed class NoteFileTests
{
    [Fact]
    public void Hashes_the_whole_file_and_the_body_separately()
    {
        using var temp = new TempFolder();
        var body = "\n### 标题\n\n正文 2025年。\n";
        var path = temp.Write("n.md", "---\ntitle: t\ndraft: true\n---\n" + body);

        var note = NoteFile.Read(path);

        Assert.True(note.FrontMatter.IsDraft);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), note.ContentHash);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))), note.BodyHash);
        Assert.Equal(new FileInfo(path).Length, note.Length);
        Assert.Equal(File.GetLastWriteTimeUtc(path), note.LastWriteTimeUtc);
    }

    [Fact]
    public void Reading_only_the_front_matter_gives_the_same_result_as_reading_everything()
    {
        using var temp = new TempFolder();
        var longBody = string.Concat(Enumerable.Repeat("这是一段很长的正文，包含数字 42 和日期 2024年3月1日。\n", 2000));
        var longFrontMatter = "summary: " + new string('长', 5000) + "\n";
        string[] texts =
        [
            "---\ntitle: 短\ndraft: yes\n---\n" + longBody,
            "---\n" + longFrontMatter + "draft: true\n---\n" + longBody,
            "---\ndraft: true\n" + longBody,
            "---\n" + string.Concat(Enumerable.Repeat("k: v\n", 20000)) + "---\n",
            "no front matter\n" + longBody,
            "---\ndraft: true\n---",
        ];
        for (var i = 0; i < texts.Length; i++)
        {
            var path = temp.Write($"{i}.md", texts[i]);
            var full = FrontMatter.Parse(File.ReadAllBytes(path));
            var head = NoteFile.ReadFrontMatter(path);
            Assert.Equal(full.IsDraft, head.IsDraft);
            Assert.Equal(full.Error, head.Error);
            Assert.Equal(full.Warnings, head.Warnings);
            Assert.Equal(full.Title, head.Title);
            Assert.Equal(full.BodyByteOffset, head.BodyByteOffset);
        }
    }
}
