using System.Diagnostics;
using EditorialBot.Bot.Cli;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Cli;

/// <summary>
/// Publishing is audited or does not happen: <c>publish --force</c> killed at any moment, or run against a database
/// that cannot be used, leaves either the original file and no publish record, or the published file and its audit row.
/// The kill tests run the real binary as a child process and SIGKILL it.
/// </summary>
public sealed class PublishSafetyTests
{
    [Fact]
    public async Task A_kill_right_after_the_file_is_written_leaves_the_publish_audited_after_recovery()
    {
        using var folder = await SweptAsync();
        var original = File.ReadAllBytes(folder.File("content/ev.md"));

        await KillPublishWhenAsync(folder, () => !File.ReadAllBytes(folder.File("content/ev.md")).AsSpan().SequenceEqual(original));

        await AssertAuditedOrUntouchedAsync(folder, original);
    }

    [Fact]
    public async Task A_kill_once_the_intent_is_recorded_leaves_the_publish_audited_or_rolled_back()
    {
        using var folder = await SweptAsync();
        var original = File.ReadAllBytes(folder.File("content/ev.md"));

        await KillPublishWhenAsync(folder, () => PendingPublishes(folder.File("e.db")) > 0 || !File.ReadAllBytes(folder.File("content/ev.md")).AsSpan().SequenceEqual(original));

        await AssertAuditedOrUntouchedAsync(folder, original);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("garbage")]
    [InlineData("truncated")]
    public async Task An_unusable_database_file_refuses_with_exit_3_names_the_file_and_leaves_the_note_alone(string damage)
    {
        using var folder = await SweptAsync();
        var db = folder.File("e.db");
        var note = folder.File("content/ev.md");
        var before = File.ReadAllBytes(note);
        switch (damage)
        {
            case "empty":
                File.WriteAllBytes(db, []);
                break;
            case "garbage":
                File.WriteAllBytes(db, [.. Enumerable.Range(0, 20_000).Select(i => (byte)(i * 7919 % 251))]);
                break;
            default:
                using (var stream = new FileStream(db, FileMode.Open))
                {
                    // Page 1 only: the header is fine, the tables it points to are gone.
                    stream.SetLength(4096);
                }
                break;
        }

        var (code, _, stderr) = await CommandLineTests.Run("publish", "ev.md", "--content", folder.File("content"), "--force", "--by", "boss", "--db", db);

        Assert.True(code == ExitCodes.Refused, stderr);
        Assert.Equal(before, File.ReadAllBytes(note));
        Assert.Contains(db, stderr);
        Assert.Contains(damage == "empty" ? "restore it from a backup, or delete it" : "restore it from a backup", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_read_only_database_folder_refuses_with_exit_3_and_says_to_make_it_writable()
    {
        using var folder = await SweptAsync();
        var data = folder.File("data");
        Directory.CreateDirectory(data);
        File.Move(folder.File("e.db"), Path.Combine(data, "e.db"));
        var note = folder.File("content/ev.md");
        var before = File.ReadAllBytes(note);
        using var readOnly = ReadOnlyFolder.Make(data);

        var (code, _, stderr) = await CommandLineTests.Run("publish", "ev.md", "--content", folder.File("content"), "--force", "--by", "boss", "--db", Path.Combine(data, "e.db"));

        Assert.True(code == ExitCodes.Refused, stderr);
        Assert.Equal(before, File.ReadAllBytes(note));
        Assert.Contains(Path.Combine(data, "e.db"), stderr);
        Assert.Contains("writable", stderr);
    }

    [Fact]
    public async Task Status_on_an_empty_database_file_names_it_instead_of_calling_it_read_only()
    {
        using var folder = new TempFolder();
        var db = folder.Write("e.db", []);

        var (code, _, stderr) = await CommandLineTests.Run("status", "--db", db);

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains($"database {db} is empty (0 bytes)", stderr);
        Assert.DoesNotContain("readonly", stderr);
        Assert.Empty(File.ReadAllBytes(db));
    }

    private static async Task<TempFolder> SweptAsync()
    {
        var folder = new TempFolder();
        folder.Write("content/ev.md", Notes.Draft());
        var (code, _, stderr) = await CommandLineTests.Run("sweep", "--content", folder.File("content"), "--db", folder.File("e.db"));
        Assert.True(code == ExitCodes.Success, stderr);
        return folder;
    }

    /// <summary>Starts the real <c>editorialbot publish --force</c> and SIGKILLs it the moment <paramref name="when"/> holds (or lets it finish).</summary>
    private static async Task KillPublishWhenAsync(TempFolder folder, Func<bool> when)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "editorialbot"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "publish", "ev.md", "--content", folder.File("content"), "--force", "--by", "boss", "--db", folder.File("e.db") })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var deadline = Stopwatch.StartNew();
        while (!process.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (when())
            {
                process.Kill();
                break;
            }
        }
        await process.WaitForExitAsync();
        await Task.WhenAll(output, errors);
    }

    /// <summary>After recovery (any database verb runs it), the note and the database agree.</summary>
    private static async Task AssertAuditedOrUntouchedAsync(TempFolder folder, byte[] original)
    {
        var (code, _, stderr) = await CommandLineTests.Run("status", "--db", folder.File("e.db"), $"--Content:Root={folder.File("content")}");
        Assert.True(code == ExitCodes.Success, stderr);
        var now = File.ReadAllBytes(folder.File("content/ev.md"));
        await using var db = new EditorialDbContext(EditorialDatabase.Options(folder.File("e.db")));
        var episode = await db.Episodes.SingleAsync();
        var audit = await db.AuditLog.Where(a => a.EpisodeId == episode.Id).Select(a => a.Action).ToListAsync();
        Assert.Null(episode.PendingChange);
        if (now.AsSpan().SequenceEqual(original))
        {
            Assert.NotEqual(EpisodeState.Published, episode.State);
            Assert.DoesNotContain("published", audit);
        }
        else
        {
            Assert.Contains("draft: false", System.Text.Encoding.UTF8.GetString(now));
            Assert.Equal(EpisodeState.Published, episode.State);
            Assert.Equal(NoteHash(now), episode.ContentHash);
            Assert.Contains("published", audit);
            Assert.Contains("force-publish", audit);
        }
    }

    private static string NoteHash(byte[] bytes) => EditorialBot.Workflow.Content.NoteFile.Hash(bytes);

    private static int PendingPublishes(string database)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM Episodes WHERE PendingChange IS NOT NULL";
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            // Busy mid-write: ask again.
            return 0;
        }
    }
}
