using EditorialBot.Bot.Cli;
using EditorialBot.FakeDiscord;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Bot;

/// <summary><c>run</c> as a process whose content folder is missing: the scheduled sweep fails with one clear line, and the bot keeps running.</summary>
public sealed class MissingContentTests
{
    [Fact]
    public async Task A_missing_content_folder_fails_the_sweep_with_one_line_naming_it_and_no_stack_trace()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var folder = new TempFolder();
        var content = folder.File("no-such-content");
        var database = folder.File("data/e.db");

        var run = BotProcess.RunAsync(BotProcess.RunArguments(fake, fake.Token, content, database), TimeSpan.FromMinutes(3));
        await fake.Gateway.ExpectIdentifyAsync(TimeSpan.FromMinutes(1));
        await fake.Gateway.SendReadyAsync();

        // The catch-up sweep (there was none before) fails and is recorded; the bot is still connected.
        var failure = await FailedSweepAsync(database, TimeSpan.FromMinutes(2));
        Assert.Contains("no-such-content", failure);
        await fake.Gateway.CloseAsync(4004, "Authentication failed.");
        var (code, _, stderr) = await run;

        Assert.True(code == ExitCodes.Usage, $"exit {code}\n{stderr}");
        Assert.DoesNotContain("   at ", stderr);
        var line = Assert.Single(stderr.Split('\n'), l => l.Contains("failed: Content folder not found", StringComparison.Ordinal));
        Assert.Contains(content, line);
    }

    private static async Task<string> FailedSweepAsync(string database, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(database))
            {
                await using var db = new EditorialDbContext(EditorialDatabase.Options(database));
                try
                {
                    if (await db.SweepRuns.Where(r => r.Failure != null).Select(r => r.Failure).FirstOrDefaultAsync() is { } failure)
                    {
                        return failure;
                    }
                }
                catch (Microsoft.Data.Sqlite.SqliteException)
                {
                    // The bot is still creating the schema.
                }
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"no failed sweep recorded in {database} within {within}");
    }
}
