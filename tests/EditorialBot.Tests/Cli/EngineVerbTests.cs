using System.Text.Json;
using EditorialBot.Bot.Cli;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Cli;

public sealed class EngineVerbTests
{
    [Fact]
    public async Task A_dry_run_sweep_prints_the_cards_and_does_not_create_the_database()
    {
        using var folder = new TempFolder();
        folder.Write("content/ev.md", Notes.Draft());
        folder.Write("content/bad.md", Notes.Broken);
        var db = folder.File("data/editorial.db");

        var (code, stdout, stderr) = await CommandLineTests.Run("sweep", "--dry-run", "--content", folder.File("content"), "--db", db);

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Contains("nothing was written", stdout);
        Assert.Contains("new card: 电动车出海：数字背后的真相", stdout);
        Assert.Matches(@"claims \(\d+: \d+ must check, \d+ optional\)", stdout);
        Assert.Contains("broken     bad.md", stdout);
        Assert.False(File.Exists(db));
        Assert.False(Directory.Exists(folder.File("data")));
    }

    [Fact]
    public async Task A_dry_run_leaves_an_existing_database_byte_for_byte_unchanged()
    {
        using var folder = new TempFolder();
        folder.Write("content/ev.md", Notes.Draft());
        var db = folder.File("data/editorial.db");
        Assert.Equal(ExitCodes.Success, (await CommandLineTests.Run("sweep", "--content", folder.File("content"), "--db", db)).Code);
        folder.Write("content/second.md", Notes.Draft(title: "第二期"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = Snapshot(db);

        var (code, stdout, _) = await CommandLineTests.Run("sweep", "--dry-run", "--json", "--content", folder.File("content"), "--db", db);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(before, Snapshot(db));
        using var json = JsonDocument.Parse(stdout);
        Assert.True(json.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, json.RootElement.GetProperty("counts").GetProperty("new").GetInt32());
        // The first sweep had no review channel, so its card is still waiting too.
        var titles = json.RootElement.GetProperty("cards").EnumerateArray().Select(c => c.GetProperty("title").GetString()).ToList();
        Assert.Equal(["电动车出海：数字背后的真相", "第二期"], titles);
    }

    [Fact]
    public async Task Sweep_then_status_shows_the_queue()
    {
        using var folder = new TempFolder();
        folder.Write("content/ev.md", Notes.Draft());
        var db = folder.File("db/e.db");
        var (code, stdout, _) = await CommandLineTests.Run("sweep", "--content", folder.File("content"), "--db", db);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("1 new", stdout);
        Assert.Contains("queued", stdout);

        var (statusCode, status, _) = await CommandLineTests.Run("status", "--db", db);
        Assert.Equal(ExitCodes.Success, statusCode);
        Assert.Contains("new", status);
        Assert.Contains("0/1", status);
        Assert.Contains("电动车出海", status);

        var (_, json, _) = await CommandLineTests.Run("status", "--json", "--db", db);
        using var doc = JsonDocument.Parse(json);
        var item = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("new", item.GetProperty("state").GetString());
        Assert.Equal("ev.md", item.GetProperty("path").GetString());
        Assert.True(item.GetProperty("claimsTotal").GetInt32() >= 1);
    }

    [Fact]
    public async Task Sweep_of_a_missing_folder_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var (code, _, stderr) = await CommandLineTests.Run("sweep", "--content", folder.File("nope"), "--db", folder.File("x.db"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("content folder not found", stderr);
    }

    [Fact]
    public async Task Db_migrate_creates_the_database_and_its_folder()
    {
        using var folder = new TempFolder();
        var db = folder.File("new/dir/e.db");
        var (code, _, stderr) = await CommandLineTests.Run("db", "migrate", "--db", db);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("20261122000000_Initial", stderr);
        Assert.Contains("up to date", (await CommandLineTests.Run("db", "migrate", "--db", db)).Stderr);
    }

    [Fact]
    public async Task Publish_force_records_the_audit_event_and_the_episode_state()
    {
        using var folder = new TempFolder();
        folder.Write("content/ev.md", Notes.Draft());
        var db = folder.File("e.db");
        await CommandLineTests.Run("sweep", "--content", folder.File("content"), "--db", db);

        var (code, _, stderr) = await CommandLineTests.Run("publish", "ev.md", "--content", folder.File("content"), "--force", "--by", "总编", "--db", db);

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Contains("marked published", stderr);
        await using var context = new EditorialDbContext(EditorialDatabase.Options(db));
        var episode = await context.Episodes.SingleAsync();
        Assert.Equal(EpisodeState.Published, episode.State);
        Assert.Equal("总编", episode.PublishedBy);
        var audit = await context.AuditLog.SingleAsync(a => a.Action == "force-publish");
        Assert.Equal("总编", audit.Actor);
        Assert.Equal(episode.Id, audit.EpisodeId);
        // The verb recorded the new file state, so the next sweep sees no outside change.
        var (_, next, _) = await CommandLineTests.Run("sweep", "--json", "--content", folder.File("content"), "--db", db);
        using var doc = System.Text.Json.JsonDocument.Parse(next);
        Assert.Empty(doc.RootElement.GetProperty("events").EnumerateArray());
    }

    private static string Snapshot(string db)
    {
        var parts = new[] { db, db + "-wal", db + "-shm" }
            .Where(File.Exists)
            .Select(f => $"{f}:{File.GetLastWriteTimeUtc(f).Ticks}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}");
        return string.Join("\n", parts);
    }
}
