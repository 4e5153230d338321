using EditorialBot.Bot.Web;
using EditorialBot.Tests.Desk;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Git;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EditorialBot.Tests.Web;

/// <summary>The coalescing of push sweeps, on the real sweep over a real content folder and database.</summary>
public sealed class PushSweepsTests
{
    [Fact]
    public async Task Pushes_waiting_together_are_one_sweep_and_a_later_push_is_one_more()
    {
        await using var engine = await TestEngine.StartAsync();
        engine.Write("posts/ep1.md", Notes.Draft());
        using var sweeps = new PushSweeps(engine.Sweeps, engine.Services.GetRequiredService<IOptions<GitOptions>>(), NullLogger<PushSweeps>.Instance);

        // Eight pushes before the loop runs: one sweep waits, seven join it.
        for (var i = 0; i < 8; i++)
        {
            sweeps.Request();
        }
        Assert.Equal(7, sweeps.Coalesced);
        await sweeps.StartAsync(CancellationToken.None);
        await DeskHarness.Eventually(async () => await PushRunsAsync(engine) == 1, "the one sweep for the burst");
        Assert.Equal("posts/ep1.md", (await engine.EpisodeAsync("posts/ep1.md")).Path);

        sweeps.Request();
        await DeskHarness.Eventually(async () => await PushRunsAsync(engine) == 2, "the sweep for the later push");
        await sweeps.StopAsync(CancellationToken.None);

        Assert.Equal(2, await PushRunsAsync(engine));
        Assert.Equal(9, sweeps.Requested);
        Assert.Equal(7, sweeps.Coalesced);
    }

    private static async Task<int> PushRunsAsync(TestEngine engine)
    {
        await using var db = engine.Db();
        return await db.SweepRuns.CountAsync(r => r.Trigger == PushSweeps.Trigger && r.Failure == null);
    }
}
