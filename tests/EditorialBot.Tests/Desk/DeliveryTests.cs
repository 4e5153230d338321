using System.Text.Json.Nodes;
using EditorialBot.Bot.Desk;
using EditorialBot.FakeDiscord;
using EditorialBot.Storage;
using EditorialBot.Tests.Cli;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Desk;

/// <summary>Delivering the review channel against the fake Discord through the real client: one card per draft, dead letters, archived threads.</summary>
public sealed class DeliveryTests
{
    private const string StartThread = "POST /channels/{channel_id}/messages/{message_id}/threads";

    [Fact]
    public async Task A_thread_refused_for_longer_than_the_nonce_window_never_makes_a_second_card()
    {
        await using var desk = await DeskHarness.CreateAsync();
        desk.Fake.NonceWindow = TimeSpan.FromMilliseconds(300);
        desk.Fake.InjectFault(StartThread, FakeFault.ServerError(403, 50013, "Missing Permissions"), times: 2);
        desk.WriteNote("ev.md", Notes.Draft(body: Notes.Body(Notes.FactTwo)));
        await desk.StartAsync();

        // The card is posted and its id kept; the thread's 403 parks the card's delivery and the claims behind it.
        await DeskHarness.Eventually(async () => await Parked(desk) == 2, "the card and claims deliveries parked");
        var card = Assert.Single(desk.Cards());
        var episode = await desk.QueryAsync(db => db.Episodes.SingleAsync());
        Assert.Equal(card.Id, episode.ReviewMessageId);
        Assert.Null(episode.ReviewThreadId);

        // The admins are told once, in the review channel.
        await DeskHarness.Eventually(() => Alerts(desk).Count == 1, "the alert about the parked delivery");
        Assert.Contains("/deliveries retry:True", Alerts(desk)[0].Content);

        // Status shows it; a retry after the nonce window while Discord still refuses parks it again (and says so): still one card.
        var (code, status, _) = await CommandLineTests.Run(["status", .. desk.DatabaseArgs]);
        Assert.Equal(0, code);
        Assert.Contains("2 parked deliveries", status);
        Assert.Contains("PostCard", status);
        await Task.Delay(desk.Fake.NonceWindow * 2);
        var (retried, output, _) = await CommandLineTests.Run(["outbox", "--retry", .. desk.DatabaseArgs]);
        Assert.Equal(0, retried);
        Assert.Contains("2 parked deliveries are back in the queue", output);
        await DeskHarness.Eventually(async () => await Parked(desk) == 2 && desk.Fake.Requests.All.Count(r => r.Route.EndsWith("/threads", StringComparison.Ordinal)) == 2, "the second refusal");
        Assert.Single(desk.Cards());
        await DeskHarness.Eventually(() => Alerts(desk).Count == 2, "one alert for the second refusal");

        // Discord allows it now: an admin retries with the slash command; the thread and its claims appear, still one card.
        var (reply, text) = await desk.CommandAsync(desk.Boss, "deliveries", [new JsonObject { ["name"] = "retry", ["type"] = 5, ["value"] = true }]);
        Assert.Equal(64, reply["data"]?["flags"]?.GetValue<int>());
        Assert.Contains("2 parked deliveries are back in the queue", text);
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.CountAsync(c => c.MessageId != null)) == 2, "the claims posted in the thread");
        episode = await desk.QueryAsync(db => db.Episodes.SingleAsync());
        Assert.Equal(card.Id, episode.ReviewThreadId);
        Assert.Equal(2, desk.ThreadMessages(card.Id).Count);
        Assert.Single(desk.Cards());
        Assert.Equal(0, await Parked(desk));
        Assert.Equal(2, Alerts(desk).Count);
    }

    [Fact]
    public async Task A_deleted_card_parks_its_edit_and_the_episode_goes_on()
    {
        await using var desk = await DeskHarness.CreateAsync();
        desk.WriteNote("ev.md", Notes.Draft(body: Notes.Body(Notes.FactTwo)));
        await desk.StartAsync();
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.CountAsync(c => c.MessageId != null)) == 2, "the card and its claims");
        var card = Assert.Single(desk.Cards());
        var claim = await desk.QueryAsync(db => db.Claims.OrderBy(c => c.Number).FirstAsync());

        // A moderator deleted the card: its edit gets 404/10008, which no retry can fix. The claim message still updates.
        card.Deleted = true;
        await desk.Fake.DispatchReactionAddAsync(desk.Ana, card.Id, DeskEmoji.Yes);
        await desk.Fake.DispatchReactionAddAsync(desk.Ana, claim.MessageId!.Value, DeskEmoji.Question);
        await DeskHarness.Eventually(async () => await Parked(desk) >= 1, "the card edit parked");
        await DeskHarness.Eventually(() => desk.ThreadMessages(card.Id).Any(m => m.Content.Contains("needs source by ana", StringComparison.Ordinal)), "the claim message edited after the parked card edit");
        await DeskHarness.Eventually(() => Alerts(desk).Count == 1, "one alert");
        var (_, queue) = await desk.CommandAsync(desk.Ana, "queue");
        Assert.Contains("parked", queue);
        var (list, listed) = await desk.CommandAsync(desk.Boss, "deliveries");
        Assert.Equal(64, list["data"]?["flags"]?.GetValue<int>());
        Assert.Contains("UpdateCard", listed);
    }

    [Fact]
    public async Task Removing_a_claim_reaction_clears_the_verdict_it_set_but_not_one_given_by_command()
    {
        await using var desk = await DeskHarness.CreateAsync();
        desk.WriteNote("ev.md", Notes.Draft(body: Notes.Body(Notes.FactTwo)));
        await desk.StartAsync();
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.CountAsync(c => c.MessageId != null)) == 2, "the claims");
        var claims = await desk.QueryAsync(db => db.Claims.OrderBy(c => c.Number).ToListAsync());
        var episode = await desk.QueryAsync(db => db.Episodes.SingleAsync());

        await desk.Fake.DispatchReactionAddAsync(desk.Ana, claims[0].MessageId!.Value, DeskEmoji.No);
        await DeskHarness.Eventually(async () => await Verdict(desk, claims[0].Id) == ClaimVerdict.False, "ana's reaction verdict");
        // Ben's removal of a reaction he never made, and ana's removal of another emoji, change nothing.
        await desk.Fake.DispatchReactionRemoveAsync(desk.Ben.User.Id, claims[0].MessageId!.Value, DeskEmoji.No);
        await desk.Fake.DispatchReactionRemoveAsync(desk.Ana.User.Id, claims[0].MessageId!.Value, DeskEmoji.Yes);
        await desk.Fake.DispatchReactionRemoveAsync(desk.Ana.User.Id, claims[0].MessageId!.Value, DeskEmoji.No);
        await DeskHarness.Eventually(async () => await Verdict(desk, claims[0].Id) == ClaimVerdict.Unverified, "the verdict cleared");
        await DeskHarness.Eventually(() => desk.ThreadMessages(episode.ReviewThreadId!.Value).Any(m => m.Id == claims[0].MessageId && m.Content.Contains("unverified", StringComparison.Ordinal)), "the claim message shows it");

        // A verdict given with /claim is not undone by removing a reaction.
        await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchCommandAsync(desk.Ana, "claim",
        [
            new JsonObject { ["name"] = "episode", ["type"] = 3, ["value"] = episode.Id.ToString("N") },
            new JsonObject { ["name"] = "numbers", ["type"] = 3, ["value"] = $"{claims[1].Number}" },
            new JsonObject { ["name"] = "verdict", ["type"] = 3, ["value"] = "verified" },
        ]));
        await DeskHarness.Eventually(async () => await Verdict(desk, claims[1].Id) == ClaimVerdict.Verified, "the command verdict");
        await desk.Fake.DispatchReactionRemoveAsync(desk.Ana.User.Id, claims[1].MessageId!.Value, DeskEmoji.Yes);
        await desk.Fake.DispatchReactionAddAsync(desk.Ana, claims[0].MessageId!.Value, DeskEmoji.Dash);
        await DeskHarness.Eventually(async () => await Verdict(desk, claims[0].Id) == ClaimVerdict.NotAClaim, "a later event applied");
        Assert.Equal(ClaimVerdict.Verified, await Verdict(desk, claims[1].Id));
    }

    [Fact]
    public async Task An_archived_thread_is_unarchived_and_the_claim_edit_goes_through()
    {
        await using var desk = await DeskHarness.CreateAsync();
        desk.WriteNote("ev.md", Notes.Draft(body: Notes.Body(Notes.FactTwo)));
        await desk.StartAsync();
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.CountAsync(c => c.MessageId != null)) == 2, "the card and its claims");
        var thread = (await desk.QueryAsync(db => db.Episodes.SingleAsync())).ReviewThreadId!.Value;
        var claim = await desk.QueryAsync(db => db.Claims.OrderBy(c => c.Number).FirstAsync());

        // The thread auto-archived (7 days): editing its messages gets 400/50083 until the bot unarchives it.
        desk.Fake.State.ArchiveThread(thread);
        await desk.Fake.DispatchReactionAddAsync(desk.Ana, claim.MessageId!.Value, DeskEmoji.Question);
        await DeskHarness.Eventually(() => desk.ThreadMessages(thread).Any(m => m.Id == claim.MessageId && m.Content.Contains("needs source by ana", StringComparison.Ordinal)), "the claim message edited");
        Assert.Contains(desk.Fake.Requests.All, r => r.RouteKey == "PATCH /channels/{channel_id}" && r.Status < 300);
        Assert.Equal(0, await Parked(desk));
    }

    [Fact]
    public async Task A_locked_thread_parks_the_edit_and_tells_the_admins_once()
    {
        await using var desk = await DeskHarness.CreateAsync();
        desk.Fake.State.AddBotMemberAsInvited();
        desk.WriteNote("ev.md", Notes.Draft(body: Notes.Body(Notes.FactTwo)));
        await desk.StartAsync();
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.CountAsync(c => c.MessageId != null)) == 2, "the card and its claims");
        var thread = (await desk.QueryAsync(db => db.Episodes.SingleAsync())).ReviewThreadId!.Value;
        var claim = await desk.QueryAsync(db => db.Claims.OrderBy(c => c.Number).FirstAsync());

        // A moderator locked the thread: without Manage Threads the bot cannot reopen it, so the edit is parked, not retried forever.
        desk.Fake.State.ArchiveThread(thread, locked: true);
        await desk.Fake.DispatchReactionAddAsync(desk.Ana, claim.MessageId!.Value, DeskEmoji.Question);
        await DeskHarness.Eventually(async () => await Parked(desk) >= 1, "the claim edit parked");
        await DeskHarness.Eventually(() => Alerts(desk).Count == 1, "one alert");
        Assert.Equal(ClaimVerdict.NeedsSource, await Verdict(desk, claim.Id));
    }

    private static Task<int> Parked(DeskHarness desk) => desk.QueryAsync(db => db.Outbox.CountAsync(m => m.ParkedAt != null && m.DeliveredAt == null));

    private static Task<ClaimVerdict> Verdict(DeskHarness desk, long claimId) => desk.QueryAsync(db => db.Claims.Where(c => c.Id == claimId).Select(c => c.Verdict).SingleAsync());

    private static List<FakeMessage> Alerts(DeskHarness desk) =>
        [.. desk.Fake.State.MessagesIn(desk.ReviewChannel).Where(static m => m.Content.StartsWith("⚠️ A review-channel update", StringComparison.Ordinal))];
}
