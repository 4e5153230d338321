using System.Globalization;
using EditorialBot.Bot.Desk;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Desk;

/// <summary>Reactions given or taken back while the bot was away, read back cheaply after a new session.</summary>
public sealed class ReconcileTests
{
    private const string Reactors = "GET /channels/{channel_id}/messages/{message_id}/reactions/{emoji}";

    [Fact]
    public async Task After_an_outage_only_changed_counts_are_read_and_removed_reactions_are_withdrawn()
    {
        await using var desk = await DeskHarness.CreateAsync();
        desk.WriteNote("ev.md", Notes.Draft(body: Notes.Body(Notes.FactTwo)));
        await desk.StartAsync();
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.CountAsync(c => c.MessageId != null)) == 2, "the card and its claims");
        var card = Assert.Single(desk.Cards());
        var claims = await desk.QueryAsync(db => db.Claims.OrderBy(c => c.Number).ToListAsync());

        // Live: ana approves and verifies claim 1; mallory (no editor) reacts too, which counts for nothing but is remembered.
        await desk.Fake.DispatchReactionAddAsync(desk.Ana, card.Id, DeskEmoji.Yes);
        await desk.Fake.DispatchReactionAddAsync(desk.Ana, claims[0].MessageId!.Value, DeskEmoji.Yes);
        await desk.Fake.DispatchReactionAddAsync(desk.Mallory, claims[1].MessageId!.Value, DeskEmoji.No);
        await DeskHarness.Eventually(async () => await Approvals(desk) == 1 && await Verdict(desk, claims[0].Id) == ClaimVerdict.Verified, "ana's vote and verdict");
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.MessageReactions.CountAsync()) == 3, "the reactions remembered");

        // Offline: ana takes both back, ben asks for a source on claim 2.
        await desk.StopAsync();
        desk.Fake.State.RemoveReaction(card.Id, DeskEmoji.Yes, desk.Ana.User.Id);
        desk.Fake.State.RemoveReaction(claims[0].MessageId!.Value, DeskEmoji.Yes, desk.Ana.User.Id);
        desk.Fake.State.AddReaction(claims[1].MessageId!.Value, DeskEmoji.Question, desk.Ben.User.Id);
        var before = desk.Fake.Requests.All.Count;
        await desk.StartAsync();

        await DeskHarness.Eventually(async () => await Approvals(desk) == 0, "ana's offline retraction");
        await DeskHarness.Eventually(async () => await Verdict(desk, claims[0].Id) == ClaimVerdict.Unverified, "ana's verdict withdrawn");
        await DeskHarness.Eventually(async () => await Verdict(desk, claims[1].Id) == ClaimVerdict.NeedsSource, "ben's offline verdict");
        // Reactor lists were read only for the four (message, emoji) pairs with reactions now or remembered ones (mallory's
        // ❌ too: an unchanged count can hide a swap), not for every emoji of every message.
        var read = desk.Fake.Requests.All.Skip(before).Where(r => r.RouteKey == Reactors).Select(r => r.Path).ToList();
        Assert.Equal(4, read.Count);
        // What is remembered now: mallory's ❌ and ben's ❓; none of ana's.
        Assert.Equal(2, await desk.QueryAsync(db => db.MessageReactions.CountAsync()));
    }

    [Fact]
    public async Task A_reaction_swapped_for_another_while_offline_is_read_back_although_the_count_did_not_change()
    {
        await using var desk = await DeskHarness.CreateAsync();
        desk.WriteNote("ev.md", Notes.Draft());
        await desk.StartAsync();
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Episodes.AnyAsync(e => e.ReviewThreadId != null)), "the card's ids stored");
        var card = Assert.Single(desk.Cards());
        await desk.Fake.DispatchReactionAddAsync(desk.Ben, card.Id, DeskEmoji.Yes);
        await DeskHarness.Eventually(async () => await Approvers(desk) is [var only] && only == desk.Ben.User.Id.ToString(CultureInfo.InvariantCulture), "ben's approval");

        // Offline: ben takes his ✅ back and ana gives one; the card still shows one ✅.
        await desk.StopAsync();
        desk.Fake.State.RemoveReaction(card.Id, DeskEmoji.Yes, desk.Ben.User.Id);
        desk.Fake.State.AddReaction(card.Id, DeskEmoji.Yes, desk.Ana.User.Id);
        await desk.StartAsync();

        await DeskHarness.Eventually(async () => await Approvers(desk) is [var only] && only == desk.Ana.User.Id.ToString(CultureInfo.InvariantCulture), "ana's approval in place of ben's");
        Assert.Equal([desk.Ana.User.Id], await desk.QueryAsync(db => db.MessageReactions.Select(r => r.UserId).ToListAsync()));
    }

    private static Task<List<string>> Approvers(DeskHarness desk) =>
        desk.QueryAsync(db => db.Votes.Where(v => v.Status == VoteStatus.Active && v.Kind == VoteKind.Approve).Select(v => v.VoterId).ToListAsync());

    private static Task<int> Approvals(DeskHarness desk) =>
        desk.QueryAsync(db => db.Votes.CountAsync(v => v.Status == VoteStatus.Active && v.Kind == VoteKind.Approve));

    private static Task<ClaimVerdict> Verdict(DeskHarness desk, long claimId) =>
        desk.QueryAsync(db => db.Claims.Where(c => c.Id == claimId).Select(c => c.Verdict).SingleAsync());
}
