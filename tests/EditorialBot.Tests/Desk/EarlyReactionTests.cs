using System.Globalization;
using EditorialBot.Bot.Desk;
using EditorialBot.FakeDiscord;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Desk;

/// <summary>
/// Reactions on a new card that reach the bot before the card's create-message response does (so before its id is
/// stored): they count as soon as the id is stored, in the same session, and only once.
/// </summary>
public sealed class EarlyReactionTests
{
    private const string Reactors = "GET /channels/{channel_id}/messages/{message_id}/reactions/{emoji}";

    [Fact]
    public async Task Reactions_given_before_the_cards_id_is_stored_count_at_once_and_once()
    {
        await using var desk = await DeskHarness.CreateAsync();
        desk.WriteNote("first.md", Notes.Draft(title: "第一期：电动车"));
        await desk.StartAsync();
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Episodes.AnyAsync(e => e.ReviewThreadId != null)), "the first card's ids stored");
        var first = Assert.Single(desk.Cards());

        // While the second card's create-message response is on its way: ana approves it, ben approves and takes it
        // back, then mallory (no editor) reacts on the first card. The desk handles reactions in arrival order, so once
        // mallory's is remembered the three on the second card have been handled, before the bot could know its id.
        var played = new TaskCompletionSource<ulong>(TaskCreationOptions.RunContinuationsAsynchronously);
        var once = 0;
        desk.Fake.MessageCreated = async message =>
        {
            if (message.ChannelId != desk.ReviewChannel || message.Embeds.Count == 0 || message.Id == first.Id || Interlocked.Exchange(ref once, 1) == 1)
            {
                return;
            }
            try
            {
                await desk.Fake.DispatchReactionAddAsync(desk.Ana, message.Id, DeskEmoji.Yes);
                await desk.Fake.DispatchReactionAddAsync(desk.Ben, message.Id, DeskEmoji.Yes);
                await desk.Fake.DispatchReactionRemoveAsync(desk.Ben.User.Id, message.Id, DeskEmoji.Yes);
                await desk.Fake.DispatchReactionAddAsync(desk.Mallory, first.Id, DeskEmoji.Yes);
                await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.MessageReactions.AnyAsync(r => r.MessageId == first.Id && r.UserId == desk.Mallory.User.Id)),
                    "mallory's reaction on the first card handled");
                Assert.False(await desk.QueryAsync(db => db.Episodes.AnyAsync(e => e.ReviewMessageId == message.Id)), "the second card's id was stored before its response was sent");
                played.SetResult(message.Id);
            }
            catch (Exception ex)
            {
                played.SetException(ex);
            }
        };
        desk.WriteNote("second.md", Notes.Draft(title: "第二期：芯片"));
        await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchCommandAsync(desk.Boss, "sweep"));
        var second = await played.Task.WaitAsync(TimeSpan.FromSeconds(90));

        // Counted in this session, in arrival order: ana's approval; ben's came and went.
        await DeskHarness.Eventually(async () => await Voters(desk, second) is [var only] && only == Id(desk.Ana)
            && await desk.QueryAsync(db => db.Votes.AnyAsync(v => v.Episode!.ReviewMessageId == second && v.VoterId == Id(desk.Ben) && v.Status != VoteStatus.Active)),
            "ana's early approval and ben's withdrawn one, without a new session", seconds: 30);
        Assert.Equal(1, desk.Fake.Gateway.Identifies);
        Assert.Equal(1, await Approvals(desk, second));
        Assert.Equal(1, await Remembered(desk, second));

        // A new session's reconcile reads the same reactions again and counts nothing twice. It reads the review channel
        // (the cards' reactions) before the second card's thread (its claims'), so once it read the thread it is past the card.
        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.CountAsync(c => c.Episode!.ReviewMessageId == second && c.Tier == ClaimTier.Check && c.MessageId != null)) > 0,
            "the second card's claim messages");
        var thread = (await desk.QueryAsync(db => db.Episodes.SingleAsync(e => e.ReviewMessageId == second))).ReviewThreadId!.Value;
        var before = desk.Fake.Requests.All.Count;
        await desk.RestartAsync();
        await DeskHarness.Eventually(() => desk.Fake.Requests.All.Skip(before).Any(r => r.RouteKey == "GET /channels/{channel_id}/messages" && r.Path.Contains(thread.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)),
            "the reconcile's read of the second card's thread");
        Assert.Equal(2, desk.Fake.Gateway.Identifies);
        Assert.Equal(1, await Approvals(desk, second));
        Assert.Equal(1, await desk.QueryAsync(db => db.Votes.CountAsync(v => v.Episode!.ReviewMessageId == second && v.VoterId == Id(desk.Ana))));
        Assert.Contains(desk.Fake.Requests.All.Skip(before), r => r.RouteKey == Reactors && r.Path.Contains(second.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(1, await Remembered(desk, second));
    }

    [Fact]
    public async Task A_verdict_given_on_a_claim_message_before_its_id_is_stored_counts_at_once()
    {
        await using var desk = await DeskHarness.CreateAsync();
        desk.WriteNote("ev.md", Notes.Draft());
        ulong? card = null;
        var played = new TaskCompletionSource<ulong>(TaskCreationOptions.RunContinuationsAsynchronously);
        var once = 0;
        desk.Fake.MessageCreated = async message =>
        {
            if (message.ChannelId == desk.ReviewChannel && message.Embeds.Count > 0)
            {
                card = message.Id;
                return;
            }
            // The first message in the card's thread is the check-tier claim's own: ana verifies it at once, then
            // mallory's reaction on the card marks when the desk has handled hers.
            if (card is not { } cardId || message.ChannelId == desk.ReviewChannel || Interlocked.Exchange(ref once, 1) == 1)
            {
                return;
            }
            try
            {
                await desk.Fake.DispatchReactionAddAsync(desk.Ana, message.Id, DeskEmoji.Yes);
                await desk.Fake.DispatchReactionAddAsync(desk.Mallory, cardId, DeskEmoji.No);
                await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.MessageReactions.AnyAsync(r => r.MessageId == cardId && r.UserId == desk.Mallory.User.Id)),
                    "mallory's reaction on the card handled");
                Assert.False(await desk.QueryAsync(db => db.Claims.AnyAsync(c => c.MessageId == message.Id)), "the claim message's id was stored before its response was sent");
                played.SetResult(message.Id);
            }
            catch (Exception ex)
            {
                played.SetException(ex);
            }
        };
        await desk.StartAsync();
        var claimMessage = await played.Task.WaitAsync(TimeSpan.FromSeconds(90));

        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Claims.AnyAsync(c => c.MessageId == claimMessage && c.Verdict == ClaimVerdict.Verified)),
            "ana's early verdict, without a new session", seconds: 30);
        Assert.Equal(1, desk.Fake.Gateway.Identifies);
    }

    [Fact]
    public async Task Reactions_on_a_card_whose_create_response_was_lost_count_when_the_retry_stores_it()
    {
        await using var desk = await DeskHarness.CreateAsync();
        desk.WriteNote("ev.md", Notes.Draft());
        // The card is created but the response is lost; before the bot's retry (same nonce, so the same message comes
        // back), ana approves it and nobody here hears of it: as when the holder that created the card died before
        // storing its id and the reaction went to it, or to no session at all.
        desk.Fake.InjectFault(DeskHarness.PostMessage, FakeFault.ResponseLost());
        var once = 0;
        desk.Fake.MessageCreated = message =>
        {
            if (message.ChannelId == desk.ReviewChannel && message.Embeds.Count > 0 && Interlocked.Exchange(ref once, 1) == 0)
            {
                desk.Fake.State.AddReaction(message.Id, DeskEmoji.Yes, desk.Ana.User.Id);
            }
            return Task.CompletedTask;
        };
        await desk.StartAsync();

        await DeskHarness.Eventually(async () => await desk.QueryAsync(db => db.Episodes.AnyAsync(e => e.ReviewMessageId != null)), "the card's id stored");
        var card = Assert.Single(desk.Cards());
        Assert.Equal(1, once);
        await DeskHarness.Eventually(async () => await Voters(desk, card.Id) is [var only] && only == Id(desk.Ana), "ana's approval read when the card's id was stored, without a new session", seconds: 30);
        Assert.Equal(1, desk.Fake.Gateway.Identifies);
        Assert.Equal(1, await Remembered(desk, card.Id));
    }

    private static string Id(FakeMember member) => member.User.Id.ToString(CultureInfo.InvariantCulture);

    private static Task<int> Approvals(DeskHarness desk, ulong card) =>
        desk.QueryAsync(db => db.Votes.CountAsync(v => v.Episode!.ReviewMessageId == card && v.Status == VoteStatus.Active && v.Kind == VoteKind.Approve));

    private static Task<List<string>> Voters(DeskHarness desk, ulong card) =>
        desk.QueryAsync(db => db.Votes.Where(v => v.Episode!.ReviewMessageId == card && v.Status == VoteStatus.Active).Select(v => v.VoterId).ToListAsync());

    private static Task<int> Remembered(DeskHarness desk, ulong card) =>
        desk.QueryAsync(db => db.MessageReactions.CountAsync(r => r.MessageId == card));
}
