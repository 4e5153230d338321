using EditorialBot.Bot.Desk;
using EditorialBot.Bot.Discord;
using Microsoft.Extensions.Time.Testing;

namespace EditorialBot.Tests.Desk;

/// <summary>The keeping rules for reactions that arrive before their card's id is stored: order, expiry and the bound.</summary>
public sealed class UnmatchedReactionsTests
{
    [Fact]
    public void Kept_reactions_come_back_in_arrival_order_once()
    {
        var kept = new UnmatchedReactions(new FakeTimeProvider());
        kept.Keep(Change(1, user: 10, added: true));
        kept.Keep(Change(2, user: 10, added: true));
        kept.Keep(Change(1, user: 10, added: false));

        Assert.True(kept.Has(new Snowflake(1)));
        Assert.Equal([true, false], kept.Take(new Snowflake(1)).Select(static c => c.Added));
        Assert.False(kept.Has(new Snowflake(1)));
        Assert.Empty(kept.Take(new Snowflake(1)));
        Assert.Single(kept.Take(new Snowflake(2)));
    }

    [Fact]
    public void A_message_whose_first_kept_reaction_is_older_than_the_keeping_time_is_dropped()
    {
        var clock = new FakeTimeProvider();
        var kept = new UnmatchedReactions(clock);
        kept.Keep(Change(1, user: 10, added: true));
        clock.Advance(UnmatchedReactions.KeepFor - TimeSpan.FromSeconds(1));
        kept.Keep(Change(2, user: 10, added: true));
        Assert.True(kept.Has(new Snowflake(1)));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(kept.Has(new Snowflake(1)));
        Assert.Single(kept.Take(new Snowflake(2)));
    }

    [Fact]
    public void Past_the_bound_the_oldest_message_is_dropped_first()
    {
        var clock = new FakeTimeProvider();
        var kept = new UnmatchedReactions(clock);
        for (var i = 0; i < UnmatchedReactions.MaxKept; i++)
        {
            kept.Keep(Change((ulong)(1 + (i % 2)), user: (ulong)i, added: true));
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        kept.Keep(Change(3, user: 1, added: true));

        Assert.False(kept.Has(new Snowflake(1)));
        Assert.Equal(UnmatchedReactions.MaxKept / 2, kept.Take(new Snowflake(2)).Count);
        Assert.Single(kept.Take(new Snowflake(3)));
    }

    private static ReactionChange Change(ulong message, ulong user, bool added) =>
        new(new Snowflake(message), DeskEmoji.Yes, new Snowflake(user), added, Member: null, ByBot: false);
}
