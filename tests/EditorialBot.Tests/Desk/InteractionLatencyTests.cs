using System.Globalization;
using System.Text.Json.Nodes;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Desk;

/// <summary>Interactions are answered inside Discord's 3 s while the database is busy with a sweep or a delivery backlog.</summary>
public sealed class InteractionLatencyTests
{
    [Fact]
    public async Task Commands_are_answered_in_time_while_a_writer_holds_the_database_during_a_delivery_backlog()
    {
        await using var desk = await DeskHarness.CreateAsync();
        // Discord's own deadline: a first response later than 3 s after dispatch is refused (10062) and the user sees a failure.
        desk.Fake.InteractionDeadline = TimeSpan.FromSeconds(3);
        const int drafts = 40;
        for (var i = 0; i < drafts; i++)
        {
            desk.WriteNote(string.Create(CultureInfo.InvariantCulture, $"ep{i:00}.md"), Notes.Draft(title: string.Create(CultureInfo.InvariantCulture, $"第{i}期"), body: Notes.Body(Notes.FactTwo)));
        }
        await desk.StartAsync();
        await DeskHarness.Eventually(() => desk.Cards().Count >= 1, "the delivery backlog under way");
        var episode = await desk.QueryAsync(db => db.Episodes.OrderBy(e => e.Path).FirstAsync());
        var claims = await desk.QueryAsync(db => db.Claims.CountAsync(c => c.EpisodeId == episode.Id));
        Assert.True(claims > 0);

        // A long write (as a big sweep's batch) holds SQLite's write lock for several seconds.
        var release = new TaskCompletionSource();
        var locked = new TaskCompletionSource();
        var writer = Task.Run(async () =>
        {
            await using var connection = new SqliteConnection(EditorialDatabase.ConnectionString(desk.DatabasePath));
            await connection.OpenAsync();
            await using (var begin = connection.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync();
            }
            locked.SetResult();
            await release.Task;
            await using var commit = connection.CreateCommand();
            commit.CommandText = "COMMIT;";
            await commit.ExecuteNonQueryAsync();
        });
        await locked.Task;

        var reference = new JsonObject { ["name"] = "episode", ["type"] = 3, ["value"] = episode.Id.ToString("N") };
        var approve = await desk.Fake.DispatchCommandAsync(desk.Ana, "approve", [reference.DeepClone()]);
        var verdict = await desk.Fake.DispatchCommandAsync(desk.Ben, "claim",
            [reference.DeepClone(), new JsonObject { ["name"] = "numbers", ["type"] = 3, ["value"] = "1" }, new JsonObject { ["name"] = "verdict", ["type"] = 3, ["value"] = "verified" }]);
        var queue = await desk.Fake.DispatchCommandAsync(desk.Ben, "queue");
        foreach (var interaction in new[] { approve, verdict, queue })
        {
            // Accepted by the fake only inside the 3 s deadline; private from the first response.
            var callback = await desk.Fake.WaitForCallbackAsync(interaction, TimeSpan.FromSeconds(10));
            Assert.Equal(5, callback["type"]!.GetValue<int>());
            Assert.Equal(64, callback["data"]?["flags"]?.GetValue<int>());
        }
        await Task.Delay(TimeSpan.FromSeconds(4));
        release.SetResult();
        await writer;

        // The work is done once the lock is free, and the answers replace the "thinking…" messages.
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Votes.CountAsync(v => v.EpisodeId == episode.Id && v.Status == VoteStatus.Active)) == 1, "ana's approval");
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.CountAsync(c => c.EpisodeId == episode.Id && c.Verdict == ClaimVerdict.Verified)) == 1, "ben's verdict");
        await DeskHarness.Eventually(() => new[] { approve, verdict, queue }.All(static i => { lock (i.OriginalEdits) { return i.OriginalEdits.Count > 0; } }), "every answer delivered");
    }
}
