using System.Text;
using System.Text.Json.Nodes;
using EditorialBot.Bot.Desk;
using EditorialBot.FakeDiscord;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Desk;

/// <summary>The review desk end to end: real bot host, real content folder and SQLite file, fake Discord on loopback.</summary>
public sealed class DeskScenarioTests
{
    private const string Corrected = "据海关总署统计，2024年中国出口电动汽车约128万辆，同比增长20%。";

    [Fact]
    public async Task A_draft_is_reviewed_in_Discord_and_published_byte_exactly()
    {
        await using var desk = await DeskHarness.CreateAsync(("Review:RequiredApprovals", "2"));
        var note = Notes.Draft(body: Notes.Body(Notes.FactTwo));
        var path = desk.WriteNote("ev.md", note);
        await desk.StartAsync();

        // The card appears with its thread and one message per claim.
        await DeskHarness.Eventually(() => desk.Cards().Count == 1, "the review card");
        var card = desk.Cards()[0];
        Assert.Equal("电动车出海：数字背后的真相", card.Embeds[0]!["title"]!.GetValue<string>());
        // The card's ids are stored once its thread is started too, a moment after the card appears.
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Episodes.AnyAsync(e => e.ReviewThreadId != null)), "the card's ids stored");
        var episode = await desk.QueryAsync(db => db.Episodes.Include(e => e.Claims).SingleAsync());
        Assert.Equal(card.Id, episode.ReviewMessageId);
        var thread = episode.ReviewThreadId!.Value;
        await DeskHarness.Eventually(() => desk.ThreadMessages(thread).Count == episode.Claims.Count, "one message per claim");
        Assert.Equal(2, episode.Claims.Count);
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.CountAsync(c => c.MessageId != null)) == 2, "claim message ids stored");

        // A non-editor's reaction is ignored; an editor's reaction and another editor's button count.
        await desk.Fake.DispatchReactionAddAsync(desk.Mallory, card.Id, DeskEmoji.Yes);
        await desk.Fake.DispatchReactionAddAsync(desk.Ben, card.Id, DeskEmoji.Yes);
        await DeskHarness.Eventually(async () => await ActiveApprovals(desk) == 1, "ben's approval");
        Assert.Equal([desk.Ben.User.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], await Voters(desk)); // mallory's earlier reaction did not count
        var click = await desk.Fake.DispatchButtonAsync(desk.Ana, card.Id, DeskIds.For(DeskIds.Approve, episode.Id));
        await desk.Fake.WaitForCallbackAsync(click);
        await DeskHarness.Eventually(async () => await ActiveApprovals(desk) == 2, "ana's approval");

        // A claim marked false blocks publishing.
        var claims = await desk.QueryAsync(db => db.Claims.OrderBy(c => c.Line).ToListAsync());
        await desk.Fake.DispatchReactionAddAsync(desk.Ana, claims[0].MessageId!.Value, DeskEmoji.No);
        await desk.Fake.DispatchReactionAddAsync(desk.Ben, claims[1].MessageId!.Value, DeskEmoji.Yes);
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.CountAsync(c => c.Verdict != ClaimVerdict.Unverified)) == 2, "both verdicts");
        Assert.Equal(ClaimVerdict.False, await desk.QueryAsync(db => db.Claims.Where(c => c.Id == claims[0].Id).Select(c => c.Verdict).SingleAsync()));
        Assert.Equal(note, File.ReadAllText(path));
        await DeskHarness.Eventually(() => desk.ThreadMessages(thread).Any(m => m.Content.Contains("false by ana", StringComparison.Ordinal)), "the claim message shows the verdict and who gave it");

        // A non-editor's click gets a private explanation.
        var denied = await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchButtonAsync(desk.Mallory, card.Id, DeskIds.For(DeskIds.Approve, episode.Id)));
        Assert.Contains("Only editors", denied["data"]!["content"]!.GetValue<string>());
        Assert.Equal(64, denied["data"]!["flags"]!.GetValue<int>());

        // The fix: the text changes, an admin sweeps, approvals are dismissed and the new claim is posted.
        var fixedNote = note.Replace(Notes.FactOne, Corrected, StringComparison.Ordinal);
        File.WriteAllText(path, fixedNote);
        await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchCommandAsync(desk.Boss, "sweep"));
        await DeskHarness.Eventually(async () => await ActiveApprovals(desk) == 0, "approvals dismissed by the edit");
        await DeskHarness.Eventually(() => desk.ThreadMessages(thread).Any(m => m.Content.Contains("同比增长20%", StringComparison.Ordinal)), "the changed claim re-posted");

        // Re-review: verify the new claim, two approvals (a command and a button), and the bot publishes.
        var newClaim = await WaitForClaimMessage(desk, "同比增长20%");
        await desk.Fake.DispatchReactionAddAsync(desk.Ana, newClaim, DeskEmoji.Yes);
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.CountAsync(c => c.Active && c.Verdict == ClaimVerdict.Unverified)) == 0, "new claim verified");
        await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchCommandAsync(desk.Ben, "approve", [new JsonObject { ["name"] = "episode", ["type"] = 3, ["value"] = episode.Id.ToString("N") }]));
        await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchButtonAsync(desk.Ana, card.Id, DeskIds.For(DeskIds.Approve, episode.Id)));

        var published = fixedNote.Replace("draft: true", "draft: false", StringComparison.Ordinal).Replace("status: evergreen", "status: published", StringComparison.Ordinal);
        await DeskHarness.Eventually(() => File.ReadAllText(path) == published, "the file published");
        Assert.Equal(Encoding.UTF8.GetBytes(published), File.ReadAllBytes(path));
        await DeskHarness.Eventually(() => desk.Fake.State.Messages[card.Id].Embeds[0]!["color"]!.GetValue<int>() == DeskRenderer.Colour(EpisodeState.Published), "the card turns green");
        await DeskHarness.Eventually(() => desk.ThreadMessages(thread).Any(m => m.Content.Contains("ana", StringComparison.Ordinal) && m.Content.Contains("ben", StringComparison.Ordinal) && m.Content.Contains("ublish", StringComparison.Ordinal)), "closing message naming the approvers");
        Assert.Single(desk.Cards());
    }

    [Fact]
    public async Task A_restart_loses_nothing_posts_no_duplicate_and_counts_votes_given_while_offline()
    {
        await using var desk = await DeskHarness.CreateAsync(("Review:RequiredApprovals", "3"));
        desk.WriteNote("ev.md", Notes.Draft(body: Notes.Body(Notes.FactTwo)));
        await desk.StartAsync();
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.CountAsync(c => c.MessageId != null)) == 2, "card and claims posted");
        var card = desk.Cards()[0];
        var episodeId = await desk.QueryAsync(db => db.Episodes.Select(e => e.Id).SingleAsync());
        await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchButtonAsync(desk.Ana, card.Id, DeskIds.For(DeskIds.Approve, episodeId)));
        var claim = await desk.QueryAsync(db => db.Claims.OrderBy(c => c.Line).FirstAsync());
        await desk.Fake.DispatchReactionAddAsync(desk.Ben, claim.MessageId!.Value, DeskEmoji.Question);
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.CountAsync(c => c.Verdict == ClaimVerdict.NeedsSource)) == 1, "ben's verdict");
        var thread = await desk.QueryAsync(db => db.Episodes.Select(e => e.ReviewThreadId!.Value).SingleAsync());
        var claimMessagesBefore = ClaimMessages(desk, thread);

        await desk.StopAsync();
        // While the bot is away, ben approves with a reaction (Discord keeps it; no event reaches the bot).
        desk.Fake.State.AddReaction(card.Id, DeskEmoji.Yes, desk.Ben.User.Id);
        await desk.StartAsync();

        await DeskHarness.Eventually(async () => await ActiveApprovals(desk) == 2, "ana's approval kept and ben's offline reaction counted");
        await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchCommandAsync(desk.Boss, "sweep"));
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Outbox.CountAsync(m => m.DeliveredAt == null)) == 0, "outbox drained");
        Assert.Single(desk.Cards());
        Assert.Equal(ClaimVerdict.NeedsSource, await desk.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.Verdict).SingleAsync()));
        Assert.Equal(2, await desk.QueryAsync(db => db.Claims.CountAsync(c => c.MessageId != null)));
        // No claim message re-posted after the restart: only edits of the existing ones.
        Assert.Equal(claimMessagesBefore, ClaimMessages(desk, thread));
        Assert.Equal(2, claimMessagesBefore.Count);
    }

    [Fact]
    public async Task A_429_storm_and_a_dropped_gateway_are_survived()
    {
        await using var desk = await DeskHarness.CreateAsync();
        desk.Fake.InjectFault(DeskHarness.PostMessage, FakeFault.RateLimited(0.2), times: 4);
        desk.Fake.InjectFault(DeskHarness.PostMessage, FakeFault.ServerError(502), times: 1);
        for (var i = 1; i <= 3; i++)
        {
            desk.WriteNote($"ep{i}.md", Notes.Draft(title: $"第{i}期：芯片与出口", body: Notes.Body()));
        }
        await desk.StartAsync();
        await DeskHarness.Eventually(() => desk.Cards().Count == 3, "three cards despite 429s and a 502");
        // A card is in the fake as soon as it is posted, but the bot knows it only once it has stored the message id; a
        // reaction before that is not a vote on any card (the next session's reconcile would count it).
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Episodes.CountAsync(e => e.ReviewMessageId != null)) == 3, "three card ids stored");

        await desk.Fake.Gateway.DropAsync();
        await desk.Fake.Gateway.AcceptResumeAsync();
        var card = desk.Cards()[0];
        await desk.Fake.DispatchReactionAddAsync(desk.Ana, card.Id, DeskEmoji.Yes);
        await DeskHarness.Eventually(async () => await ActiveApprovals(desk) == 1, "a vote after the resume");

        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Outbox.CountAsync(m => m.DeliveredAt == null)) == 0, "outbox drained");
        Assert.Equal(3, desk.Cards().Count);
        Assert.Equal(3, desk.Cards().Select(static c => c.Embeds[0]!["title"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(0, desk.Fake.RequestsIntoExhaustedBuckets);
        Assert.Equal(1, desk.Fake.Gateway.Identifies);
    }

    [Fact]
    public async Task Optional_claims_are_listed_together_and_set_in_bulk_by_range_or_one_button()
    {
        await using var desk = await DeskHarness.CreateAsync(("Claims:MustCheckMax", "1"), ("Content:BrowseUrl", "https://git.example/site/blob/main/{path}#L{line}"));
        desk.WriteNote("ev.md", Notes.Draft(body: Notes.Body(Notes.FactTwo, Notes.FactThree)));
        await desk.StartAsync();
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.CountAsync(c => c.PostedAt != null)) == 3, "claims posted");
        var episode = await desk.QueryAsync(db => db.Episodes.Include(e => e.Claims).SingleAsync());
        var thread = episode.ReviewThreadId!.Value;
        var check = Assert.Single(episode.Claims, c => c.Tier == ClaimTier.Check);
        var optional = episode.Claims.Where(c => c.Tier == ClaimTier.Optional).OrderBy(c => c.Number).ToList();
        Assert.Equal(2, optional.Count);

        // One message for the check-tier claim (with its link), one list for both optional claims.
        await DeskHarness.Eventually(() => desk.ThreadMessages(thread).Count == 2, "two thread messages");
        var own = desk.ThreadMessages(thread).Single(m => m.Id == check.MessageId);
        Assert.Contains($"**{check.Number}.**", own.Content);
        Assert.Contains($"(<https://git.example/site/blob/main/ev.md#L{check.Line}>)", own.Content);
        Assert.Single(optional.Select(c => c.MessageId).Distinct());
        var list = desk.ThreadMessages(thread).Single(m => m.Id == optional[0].MessageId);
        Assert.Contains($"`{optional[0].Number}` ▫️", list.Content);
        Assert.Contains($"`{optional[1].Number}` ▫️", list.Content);
        Assert.Contains("Optional: rest not claims", desk.Cards()[0].Components.ToJsonString());

        // A reaction on the list cannot say which claim it means: ignored.
        await desk.Fake.DispatchReactionAddAsync(desk.Ana, list.Id, DeskEmoji.Yes);

        // /claim with a list sets the first optional claim; the button dismisses the rest.
        var numbers = new JsonObject { ["name"] = "numbers", ["type"] = 3, ["value"] = $"{optional[0].Number}" };
        var verdict = new JsonObject { ["name"] = "verdict", ["type"] = 3, ["value"] = "verified" };
        var (_, reply) = await desk.CommandAsync(desk.Ben, "claim",
            [new JsonObject { ["name"] = "episode", ["type"] = 3, ["value"] = episode.Id.ToString("N") }, numbers, verdict]);
        Assert.Contains("marked verified", reply);
        var card = desk.Cards()[0];
        await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchButtonAsync(desk.Ana, card.Id, DeskIds.For(DeskIds.DismissOptional, episode.Id)));

        var after = await desk.QueryAsync(db => db.Claims.OrderBy(c => c.Number).ToListAsync());
        Assert.Equal(ClaimVerdict.Unverified, after.Single(c => c.Id == check.Id).Verdict);
        Assert.Equal(ClaimVerdict.Verified, after.Single(c => c.Id == optional[0].Id).Verdict);
        Assert.Equal(ClaimVerdict.NotAClaim, after.Single(c => c.Id == optional[1].Id).Verdict);
        await DeskHarness.Eventually(() => desk.ThreadMessages(thread).Single(m => m.Id == list.Id).Content.Contains($"`{optional[1].Number}` {DeskEmoji.For(ClaimVerdict.NotAClaim)}", StringComparison.Ordinal),
            "the list shows the bulk verdict");
        Assert.Equal(2, await desk.QueryAsync(db => db.AuditLog.CountAsync(a => a.Action == "claim-verdict")));
    }

    private static List<ulong> ClaimMessages(DeskHarness desk, ulong thread) =>
        [.. desk.ThreadMessages(thread).Where(static m => m.Content.StartsWith("**", StringComparison.Ordinal)).Select(static m => m.Id).Order()];

    private static Task<int> ActiveApprovals(DeskHarness desk) =>
        desk.QueryAsync(db => db.Votes.CountAsync(v => v.Kind == VoteKind.Approve && v.Status == VoteStatus.Active));

    private static Task<List<string>> Voters(DeskHarness desk) =>
        desk.QueryAsync(db => db.Votes.Where(v => v.Status == VoteStatus.Active).Select(v => v.VoterId).ToListAsync());

    private static async Task<ulong> WaitForClaimMessage(DeskHarness desk, string text)
    {
        ulong? id = null;
        await DeskHarness.Eventually(async () =>
        {
            id = await desk.QueryAsync(db => db.Claims.Where(c => c.Active && c.MessageId != null && c.Text.Contains(text)).Select(c => c.MessageId).FirstOrDefaultAsync());
            return id is not null;
        }, $"claim message for '{text}'");
        return id!.Value;
    }
}
