using System.Globalization;
using EditorialBot.Bot.Desk;
using EditorialBot.FakeDiscord;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Cluster;

/// <summary>
/// Votes given and taken back while no instance holds a live gateway (the holder was killed, the standby has not
/// taken over yet): Discord sends those reactions to nobody, so the instance that takes over must read them back
/// when its new session is READY. Real processes sharing one database.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class TakeOverVoteTests
{
    [Fact]
    public Task On_sqlite_a_vote_given_during_a_take_over_counts_once() => Run(StorageProvider.Sqlite);

    [PostgresFact]
    public Task On_postgres_a_vote_given_during_a_take_over_counts_once() => Run(StorageProvider.Postgres);

    private static async Task Run(StorageProvider provider)
    {
        await using var cluster = await ClusterHarness.CreateAsync(provider);
        var ben = cluster.Fake.State.AddMember("ben", cluster.EditorRole);
        cluster.WriteDrafts(1);
        var one = cluster.StartBot("one");
        await cluster.WaitForHolderAsync("one");
        await cluster.AcceptLoginAsync();
        await cluster.WaitForAsync(async () => await cluster.QueryAsync(db => db.Episodes.AnyAsync(e => e.ReviewThreadId != null)), "the card's ids stored");
        var card = Assert.Single(cluster.Cards());

        // Live, on the first holder: ben approves.
        await cluster.Fake.DispatchReactionAddAsync(ben, card.Id, DeskEmoji.Yes);
        await cluster.WaitForAsync(async () => await Approvers(cluster) is [var only] && only == Id(ben), "ben's live approval");
        var two = cluster.StartBot("two");
        await cluster.WaitForLineAsync(two, "standing by");

        // The holder dies; until the standby's session is READY nobody hears the gateway. Meanwhile ana approves
        // and ben takes his approval back.
        one.Kill();
        cluster.Fake.State.AddReaction(card.Id, DeskEmoji.Yes, cluster.Ana.User.Id);
        cluster.Fake.State.RemoveReaction(card.Id, DeskEmoji.Yes, ben.User.Id);
        var identifies = cluster.Fake.Gateway.Identifies;
        await cluster.AcceptLoginAsync(seconds: 120);
        Assert.Equal("two", await cluster.HolderAsync());

        await cluster.WaitForAsync(async () => await Approvers(cluster) is [var only] && only == Id(cluster.Ana), "ana's approval counted and ben's withdrawn by the new holder");
        Assert.Equal(identifies + 1, cluster.Fake.Gateway.Identifies);
        // Once: one approval row for ana, and what is remembered is exactly the reactions on the card now.
        await cluster.WaitForAsync(async () => await cluster.QueryAsync(db => db.MessageReactions.Where(r => r.MessageId == card.Id).Select(r => r.UserId).ToListAsync()) is [var user] && user == cluster.Ana.User.Id,
            "the remembered reactions to match the card's");
        Assert.Equal(1, await cluster.QueryAsync(db => db.Votes.CountAsync(v => v.VoterId == Id(cluster.Ana))));
        Assert.False(two.HasExited, two.Output);
    }

    private static string Id(FakeMember member) => member.User.Id.ToString(CultureInfo.InvariantCulture);

    private static Task<List<string>> Approvers(ClusterHarness cluster) =>
        cluster.QueryAsync(db => db.Votes.Where(v => v.Status == VoteStatus.Active && v.Kind == VoteKind.Approve).Select(v => v.VoterId).ToListAsync());
}
