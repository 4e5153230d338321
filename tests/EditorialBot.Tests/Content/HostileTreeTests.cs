using System.Diagnostics;
using System.Text.Json;
using EditorialBot.Bot.Cli;
using EditorialBot.Storage;
using EditorialBot.Tests.Cli;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Content;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Content;

/// <summary>Trees a fuzzer made: every content verb and the sweep must get through them, reporting the one bad file.</summary>
public sealed class HostileTreeTests
{
    [Fact]
    public async Task A_fifo_named_md_is_skipped_with_a_warning_by_scan_claims_and_sweep()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // FIFOs are a Unix thing.
        }
        await using var engine = await TestEngine.StartAsync();
        engine.Write("ok.md", "---\ntitle: 正常\ndraft: true\n---\n正文\n");
        MakeFifo(engine.Path("pipe.md"));

        // Without the non-blocking open these calls would wait for a writer forever; the test would time out.
        var scan = RunWithin(() => CommandLineTests.Run("scan", "--content", engine.ContentRoot, "--json"));
        var (code, stdout, _) = await scan;
        Assert.Equal(ExitCodes.Success, code);
        using (var json = JsonDocument.Parse(stdout))
        {
            var pipe = json.RootElement.EnumerateArray().Single(i => i.GetProperty("path").GetString() == "pipe.md");
            Assert.False(pipe.GetProperty("draft").GetBoolean());
            Assert.Contains("not a regular file", pipe.GetProperty("warnings")[0].GetString());
        }
        var (claimsCode, _, claimsErr) = await RunWithin(() => CommandLineTests.Run("claims", engine.Path("pipe.md")));
        Assert.Equal(ExitCodes.Failure, claimsCode);
        Assert.Contains("not a regular file", claimsErr);

        var result = await RunWithin(engine.SweepAsync);
        Assert.Equal(1, result.Drafts);
        Assert.Equal(PublishOutcome.Refused, Publisher.Publish(engine.ContentRoot, engine.Path("pipe.md"), new PublishSettings(), DraftDialect.Eleventy).Outcome);
    }

    [Fact]
    public async Task A_symlink_loop_is_reported_for_that_file_and_scan_still_prints_json()
    {
        using var temp = new TempFolder();
        temp.Write("ok.md", "---\ndraft: true\n---\n");
        File.CreateSymbolicLink(temp.File("loop.md"), "loop.md");
        File.CreateSymbolicLink(temp.File("a.md"), "b.md");
        File.CreateSymbolicLink(temp.File("b.md"), "a.md");

        var (code, stdout, _) = await CommandLineTests.Run("scan", "--content", temp.Path, "--json");

        Assert.Equal(ExitCodes.Success, code);
        using var json = JsonDocument.Parse(stdout);
        var items = json.RootElement.EnumerateArray().ToDictionary(i => i.GetProperty("path").GetString()!);
        Assert.Equal(["a.md", "b.md", "loop.md", "ok.md"], items.Keys.Order(StringComparer.Ordinal));
        foreach (var name in new[] { "a.md", "b.md", "loop.md" })
        {
            Assert.Contains("symlink", items[name].GetProperty("error").GetString());
            Assert.False(items[name].GetProperty("draft").GetBoolean());
        }
        Assert.True(items["ok.md"].GetProperty("draft").GetBoolean());
    }

    [Fact]
    public async Task A_symlink_leaving_the_root_is_reported_as_such_by_scan_and_sweep()
    {
        await using var engine = await TestEngine.StartAsync();
        using var outside = new TempFolder();
        var target = outside.Write("elsewhere.md", "---\ntitle: 外面\ndraft: true\n---\n正文\n");
        File.CreateSymbolicLink(engine.Path("linked.md"), target);

        var entry = Assert.Single(ContentScanner.Scan(engine.ContentRoot, DraftDialect.Eleventy));
        Assert.False(entry.FrontMatter.IsDraft);
        Assert.Contains("outside the content folder", entry.FrontMatter.Error!.Message);

        var result = await engine.SweepAsync();
        Assert.Equal(0, result.Drafts);
        await using var db = engine.Db();
        var scanned = await db.ScannedFiles.SingleAsync();
        Assert.Contains("outside the content folder", scanned.Error);
        Assert.Empty(await db.Episodes.ToListAsync());
    }

    [Fact]
    public void A_note_named_near_the_255_byte_limit_publishes()
    {
        using var temp = new TempFolder();
        // 3-byte characters: 83 of them plus ".md" is 252 bytes, close to NAME_MAX.
        var name = new string('长', 83) + ".md";
        var path = temp.Write(name, "---\ntitle: 长名字\ndraft: true\n---\n正文\n");

        var result = Publisher.Publish(temp.Path, path, new PublishSettings(), DraftDialect.Eleventy);

        Assert.Equal(PublishOutcome.Published, result.Outcome);
        Assert.Equal("---\ntitle: 长名字\ndraft: false\nstatus: published\n---\n正文\n", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(temp.Path, "*" + AtomicFile.TempSuffix));
    }

    [Fact]
    public async Task A_note_over_MaxNoteBytes_gets_a_warning_and_no_claims_but_publishes_byte_exactly()
    {
        await using var engine = await TestEngine.StartAsync(("Content:MaxNoteBytes", "4096"));
        var body = string.Concat(Enumerable.Repeat("2024年，该公司营收增长了35%，达到120亿元。\n", 400));
        var path = engine.Write("big.md", "---\ntitle: 大文件\ndraft: true\n---\n" + body);
        var bytes = File.ReadAllBytes(path);

        var (capped, kept) = NoteFile.ReadCapped(path, DraftDialect.Eleventy, 4096);
        Assert.Null(kept);
        var whole = NoteFile.Read(path);
        Assert.Equal(NoteFile.Hash(bytes), capped.ContentHash);
        Assert.Equal(whole.BodyHash, capped.BodyHash);
        Assert.True(capped.FrontMatter.IsDraft);

        await engine.SweepAsync();
        var episode = await engine.EpisodeAsync("big.md");
        Assert.Contains("Content:MaxNoteBytes", episode.Warnings);
        await using (var db = engine.Db())
        {
            Assert.Equal(0, await db.Claims.CountAsync(c => c.EpisodeId == episode.Id));
        }

        var result = Publisher.Publish(engine.ContentRoot, path, new PublishSettings(), DraftDialect.Eleventy, capped.ContentHash);
        Assert.Equal(PublishOutcome.Published, result.Outcome);
        var after = File.ReadAllBytes(path);
        Assert.Equal(bytes.AsSpan(whole.FrontMatter.BodyByteOffset).ToArray(), after.AsSpan(after.Length - (bytes.Length - whole.FrontMatter.BodyByteOffset)).ToArray());
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>Fails the test instead of hanging it when a read blocks (a generous bound: this is not a timing assertion).</summary>
    private static async Task<T> RunWithin<T>(Func<Task<T>> action)
    {
        var work = Task.Run(action);
        var finished = await Task.WhenAny(work, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.True(finished == work, "blocked reading a FIFO");
        return await work;
    }
}
