using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Tests.Content;

/// <summary>
/// Every edge case as a byte-exact before/after pair (tests/EditorialBot.Tests/Fixtures/front-matter/&lt;case&gt;):
/// <c>after.md</c> is what publishing must write; <c>refused.txt</c> (line, reason text) means publishing must refuse
/// and leave bytes and modification time alone; <c>not-a-draft.txt</c> means there is nothing to publish.
/// </summary>
public sealed class PublisherFixtureTests
{
    private static readonly DateTime s_oldTime = new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    public static IEnumerable<object[]> Cases => Fixtures.FrontMatterCases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Publishes_byte_exactly_or_refuses_without_touching_the_file(string name)
    {
        var folder = Path.Combine(Fixtures.FrontMatterFolder, name);
        var before = File.ReadAllBytes(Path.Combine(folder, "before.md"));
        using var temp = new TempFolder();
        var path = temp.Write("note.md", before);
        File.SetLastWriteTimeUtc(path, s_oldTime);

        var result = Publisher.Publish(temp.Path, path, new PublishSettings(), DraftDialect.Eleventy);

        var afterPath = Path.Combine(folder, "after.md");
        var refusedPath = Path.Combine(folder, "refused.txt");
        if (File.Exists(afterPath))
        {
            Assert.True(result.Outcome == PublishOutcome.Published, $"{name}: {result.Outcome} {result.Explanation}");
            Assert.Equal(File.ReadAllBytes(afterPath), File.ReadAllBytes(path));
            Assert.Equal(NoteFile.Hash(File.ReadAllBytes(path)), result.ContentHash);
            Assert.Equal(NoteFile.Hash(before), result.PreviousContentHash);
            Assert.Empty(Directory.GetFiles(temp.Path, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories));

            var back = Publisher.Unpublish(temp.Path, path, result.PreviousDraft!, result.StatusInserted ? null : result.PreviousStatus,
                DraftDialect.Eleventy, expectedContentHash: result.ContentHash);
            Assert.True(back.Outcome == PublishOutcome.Unpublished, $"{name}: unpublish {back.Outcome} {back.Explanation}");
            Assert.Equal(before, File.ReadAllBytes(path));
        }
        else if (File.Exists(refusedPath))
        {
            var expected = File.ReadAllLines(refusedPath);
            Assert.True(result.Outcome == PublishOutcome.Refused, $"{name}: {result.Outcome}");
            Assert.Equal(int.Parse(expected[0]), result.Line);
            Assert.Contains(expected[1], result.Reason);
            AssertUntouched(path, before);
        }
        else
        {
            Assert.True(File.Exists(Path.Combine(folder, "not-a-draft.txt")), $"{name}: fixture has no expectation");
            Assert.True(result.Outcome == PublishOutcome.NotADraft, $"{name}: {result.Outcome} {result.Explanation}");
            AssertUntouched(path, before);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_scan_never_calls_a_refused_broken_file_a_draft_and_agrees_with_publish(string name)
    {
        var folder = Path.Combine(Fixtures.FrontMatterFolder, name);
        var parsed = FrontMatter.Parse(File.ReadAllBytes(Path.Combine(folder, "before.md")));
        if (parsed.Error is not null)
        {
            Assert.False(parsed.IsDraft);
            // A problem that leaves no readable front matter (an unclosed fence, a rule on line 1) is simply not a draft.
            Assert.True(File.Exists(Path.Combine(folder, parsed.Error.MeansNotADraft ? "not-a-draft.txt" : "refused.txt")),
                $"{name}: broken ({parsed.Error}) but the fixture expects otherwise");
        }
        if (File.Exists(Path.Combine(folder, "after.md")))
        {
            Assert.True(parsed.IsDraft, name);
            Assert.False(FrontMatter.Parse(File.ReadAllBytes(Path.Combine(folder, "after.md"))).IsDraft, name);
        }
        if (File.Exists(Path.Combine(folder, "not-a-draft.txt")))
        {
            Assert.False(parsed.IsDraft, name);
            Assert.True(parsed.Error is null or { MeansNotADraft: true }, name);
        }
    }

    internal static void AssertUntouched(string path, byte[] before)
    {
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(s_oldTime, File.GetLastWriteTimeUtc(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*" + AtomicFile.TempSuffix));
    }
}
