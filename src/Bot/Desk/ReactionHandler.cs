using System.Collections.Concurrent;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Bot.Discord.Rest;
using EditorialBot.Storage;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Desk;

/// <summary>
/// Reactions as votes and verdicts. On a card ✅ approves and ❌ requests changes; on a check-tier claim's own message
/// ✅ ❌ ❓ ➖ set the verdict (a list of optional claims is shared by several claims, so its reactions are ignored: /claim
/// takes them by number); removing a reaction withdraws what it did. Reactions of non-editors and of the bot itself do
/// nothing. Events may repeat, so every effect is keyed on (message, user, emoji) and the current state: the review
/// service treats a second identical vote or verdict as no change. Every reaction on our messages is remembered
/// (<see cref="MessageReaction"/>) so that after an outage only messages whose counts changed need their reactor lists read.
/// </summary>
internal sealed class ReactionHandler(DiscordRestClient rest, ReviewService reviews, IDbContextFactory<EditorialDbContext> dbs, IOptions<DiscordOptions> options, ILogger<ReactionHandler> log)
{
    // Live events and reconcile steps change votes one at a time; a reconcile step skips a (message, emoji) that a live
    // event touched after the reconcile began (the event is newer than what the reconcile read).
    private readonly SemaphoreSlim _apply = new(1, 1);
    private readonly ConcurrentDictionary<(ulong Message, string Emoji), long> _touched = new();
    private long _sequence;

    public async Task AddedAsync(MessageReactionAdd reaction, Snowflake? self, CancellationToken cancellationToken)
    {
        var emoji = reaction.Emoji.Key;
        Touch(reaction.MessageId, emoji);
        await _apply.WaitAsync(cancellationToken);
        try
        {
            await RememberAsync(reaction.MessageId, emoji, [reaction.UserId], [], cancellationToken);
            if (reaction.UserId == self || reaction.Member?.User?.Bot == true)
            {
                return;
            }
            var who = DeskMembers.Reviewer(options.Value, reaction.UserId, reaction.Member);
            if (!who.MayReview)
            {
                log.LogDebug("Ignored a reaction of non-editor {UserId}", reaction.UserId);
                return;
            }
            await ApplyAsync(reaction.MessageId, emoji, who, cancellationToken);
        }
        finally
        {
            _apply.Release();
        }
    }

    public async Task RemovedAsync(MessageReactionRemove reaction, CancellationToken cancellationToken)
    {
        var emoji = reaction.Emoji.Key;
        Touch(reaction.MessageId, emoji);
        await _apply.WaitAsync(cancellationToken);
        try
        {
            await RememberAsync(reaction.MessageId, emoji, [], [reaction.UserId], cancellationToken);
            await UnapplyAsync(reaction.MessageId, emoji, reaction.UserId, cancellationToken);
        }
        finally
        {
            _apply.Release();
        }
    }

    /// <summary>
    /// After a new session (a reconnect that could not resume): brings votes and verdicts up to date with the reactions
    /// on open cards and their claim messages. Reads the messages (a page of up to 100 carries every message's reaction
    /// counts), and only where a count differs from what we remember reads that emoji's reactors, applying additions
    /// and removals. Runs beside live events, which it never holds up for more than one step.
    /// </summary>
    public async Task ReconcileAsync(Snowflake? self, CancellationToken cancellationToken)
    {
        var started = Interlocked.Read(ref _sequence);
        List<OpenCard> open;
        Dictionary<(ulong, string), HashSet<ulong>> known;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            open = await db.Episodes.AsNoTracking()
                .Where(e => e.ReviewMessageId != null && e.State != EpisodeState.Published && e.State != EpisodeState.Gone && e.State != EpisodeState.Error)
                .Select(e => new OpenCard(e.ReviewMessageId!.Value, e.ReviewThreadId, e.Claims.Where(c => c.Active && c.MessageId != null && c.Tier == ClaimTier.Check).Select(c => c.MessageId!.Value).ToList()))
                .ToListAsync(cancellationToken);
            var ids = open.Select(o => o.Card).Concat(open.SelectMany(o => o.Claims)).ToList();
            known = (await db.MessageReactions.AsNoTracking().Where(r => ids.Contains(r.MessageId)).ToListAsync(cancellationToken))
                .GroupBy(r => (r.MessageId, r.Emoji))
                .ToDictionary(g => g.Key, g => g.Select(r => r.UserId).ToHashSet());
        }
        var reviewChannel = options.Value.ReviewChannelId;
        Dictionary<Snowflake, Reviewer> members = [];
        var (read, changed) = (0, 0);
        foreach (var message in await FindAsync(reviewChannel, open.Select(o => o.Card).ToHashSet(), cancellationToken))
        {
            read++;
            changed += await ReconcileMessageAsync(reviewChannel, message, [DeskEmoji.Yes, DeskEmoji.No], known, started, self, members, cancellationToken);
        }
        foreach (var card in open.Where(o => o.Claims.Count > 0 && o.Thread is not null))
        {
            foreach (var message in await FindAsync(card.Thread!.Value, card.Claims.ToHashSet(), cancellationToken))
            {
                read++;
                changed += await ReconcileMessageAsync(card.Thread.Value, message, DeskEmoji.ClaimReactions, known, started, self, members, cancellationToken);
            }
        }
        log.LogInformation("Reconciled reactions on {Cards} open cards ({Messages} messages read): {Changed} reactions added or removed", open.Count, read, changed);
    }

    /// <summary>Our messages in a channel, read a page (100) at a time from the newest until all are found or the channel ends.</summary>
    private async Task<List<Message>> FindAsync(Snowflake channel, HashSet<ulong> wanted, CancellationToken cancellationToken)
    {
        List<Message> found = [];
        if (wanted.Count == 0)
        {
            return found;
        }
        var oldest = wanted.Min();
        Snowflake? before = null;
        while (found.Count < wanted.Count)
        {
            IReadOnlyList<Message> page;
            try
            {
                page = await rest.GetMessagesAsync(channel, before, 100, cancellationToken);
            }
            catch (DiscordApiException ex) when (ex.IsPermanent)
            {
                log.LogWarning("Could not read the messages of channel {ChannelId} to reconcile reactions: {Error}", channel, ex.Message);
                break;
            }
            found.AddRange(page.Where(m => wanted.Contains(m.Id.Value)));
            if (page.Count < 100 || page.Min(m => m.Id.Value) <= oldest)
            {
                break;
            }
            before = new Snowflake(page.Min(m => m.Id.Value));
        }
        return found;
    }

    private async Task<int> ReconcileMessageAsync(Snowflake channel, Message message, IReadOnlyList<string> emojis, Dictionary<(ulong, string), HashSet<ulong>> known,
        long started, Snowflake? self, Dictionary<Snowflake, Reviewer> members, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var emoji in emojis)
        {
            var remembered = known.GetValueOrDefault((message.Id.Value, emoji)) ?? [];
            if (message.ReactionCount(emoji) == remembered.Count)
            {
                continue;
            }
            var users = await rest.GetReactionsAsync(channel, message.Id, emoji, cancellationToken);
            var now = users.Select(u => u.Id.Value).ToHashSet();
            var added = users.Where(u => !remembered.Contains(u.Id.Value)).ToList();
            var removed = remembered.Where(id => !now.Contains(id)).ToList();
            foreach (var user in added.Where(u => u.Id != self && u.Bot != true && !members.ContainsKey(u.Id)))
            {
                members[user.Id] = await MemberAsync(user, cancellationToken);
            }
            await _apply.WaitAsync(cancellationToken);
            try
            {
                if (_touched.TryGetValue((message.Id.Value, emoji), out var touched) && touched > started)
                {
                    continue; // A live event for this emoji came after we read it: it already has the newer truth.
                }
                await RememberAsync(message.Id, emoji, [.. added.Select(u => u.Id)], [.. removed.Select(id => new Snowflake(id))], cancellationToken);
                foreach (var user in added)
                {
                    if (members.TryGetValue(user.Id, out var who) && who.MayReview && await ApplyAsync(message.Id, emoji, who, cancellationToken))
                    {
                        changed++;
                    }
                }
                foreach (var id in removed)
                {
                    if (await UnapplyAsync(message.Id, emoji, new Snowflake(id), cancellationToken))
                    {
                        changed++;
                    }
                }
            }
            finally
            {
                _apply.Release();
            }
        }
        return changed;
    }

    private async Task<Reviewer> MemberAsync(User user, CancellationToken cancellationToken)
    {
        GuildMember? member = null;
        try
        {
            member = await rest.GetGuildMemberAsync(options.Value.GuildId, user.Id, cancellationToken);
        }
        catch (DiscordApiException ex) when (ex.Code == 10007)
        {
            // Left the server: their reaction no longer counts.
        }
        return DeskMembers.Reviewer(options.Value, user.Id, member, user);
    }

    private void Touch(Snowflake messageId, string emoji) => _touched[(messageId.Value, emoji)] = Interlocked.Increment(ref _sequence);

    /// <summary>Remembers who reacts with <paramref name="emoji"/> on one of our cards or claim messages (other messages are not kept).</summary>
    private async Task RememberAsync(Snowflake messageId, string emoji, IReadOnlyList<Snowflake> present, IReadOnlyList<Snowflake> gone, CancellationToken cancellationToken)
    {
        if (DeskEmoji.Verdict(emoji) is null || present.Count + gone.Count == 0)
        {
            return;
        }
        var id = messageId.Value;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (!await db.Episodes.AnyAsync(e => e.ReviewMessageId == id, cancellationToken) && await ReactionClaimAsync(db, messageId, cancellationToken) is null)
        {
            return;
        }
        var goneIds = gone.Select(g => g.Value).ToList();
        var presentIds = present.Select(p => p.Value).ToList();
        await db.WriteAsync(async () =>
        {
            await db.MessageReactions.Where(r => r.MessageId == id && r.Emoji == emoji && goneIds.Contains(r.UserId)).ExecuteDeleteAsync(cancellationToken);
            var stored = await db.MessageReactions.Where(r => r.MessageId == id && r.Emoji == emoji && presentIds.Contains(r.UserId)).Select(r => r.UserId).ToListAsync(cancellationToken);
            db.MessageReactions.AddRange(presentIds.Except(stored).Select(user => new MessageReaction { MessageId = id, Emoji = emoji, UserId = user }));
        }, cancellationToken);
    }

    /// <summary>
    /// A removed reaction withdraws what it did: on a card the reactor's vote of that kind, on a claim message the verdict
    /// if that reaction set it. Only the reactor's own doing is touched, so no role check is needed (the event carries no member).
    /// </summary>
    private async Task<bool> UnapplyAsync(Snowflake messageId, string? emoji, Snowflake userId, CancellationToken cancellationToken)
    {
        var who = new Reviewer(userId.ToString(), null, IsEditor: false, IsAdmin: false);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var episodeId = await db.Episodes.Where(e => e.ReviewMessageId == messageId.Value).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (episodeId is { } id)
        {
            return DeskEmoji.Vote(emoji) is { } kind
                && (await reviews.RetractAsync(id, who, kind, cancellationToken)).Status == OutcomeStatus.Done;
        }
        return await ReactionClaimAsync(db, messageId, cancellationToken) is { } claim && DeskEmoji.Verdict(emoji) is { } verdict
            && (await reviews.ClearReactionVerdictAsync(claim, verdict, who, cancellationToken)).Status == OutcomeStatus.Done;
    }

    private async Task<bool> ApplyAsync(Snowflake messageId, string? emoji, Reviewer who, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var episodeId = await db.Episodes.Where(e => e.ReviewMessageId == messageId.Value).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (episodeId is { } id)
        {
            var outcome = DeskEmoji.Vote(emoji) switch
            {
                VoteKind.Approve => await reviews.ApproveAsync(id, who, cancellationToken),
                VoteKind.RequestChanges => await reviews.RequestChangesAsync(id, who, "requested with ❌ on the card (see the thread)", cancellationToken),
                _ => null,
            };
            return outcome is not null && outcome.Status == OutcomeStatus.Done;
        }
        if (await ReactionClaimAsync(db, messageId, cancellationToken) is { } claim && DeskEmoji.Verdict(emoji) is { } verdict)
        {
            return (await reviews.SetClaimVerdictByIdAsync(claim, verdict, who, note: null, byReaction: true, cancellationToken)).Status == OutcomeStatus.Done;
        }
        return false;
    }

    /// <summary>
    /// The claim whose verdict reactions on this message set: a check-tier claim's own message only. A list of optional
    /// claims is shared by several claims, so a reaction there cannot say which claim it means (use /claim).
    /// </summary>
    private static async Task<long?> ReactionClaimAsync(EditorialDbContext db, Snowflake messageId, CancellationToken cancellationToken)
    {
        var claims = await db.Claims.Where(c => c.MessageId == messageId.Value).Select(c => new { c.Id, c.Tier }).Take(2).ToListAsync(cancellationToken);
        return claims is [{ Tier: ClaimTier.Check } claim] ? claim.Id : null;
    }

    private sealed record OpenCard(ulong Card, ulong? Thread, List<ulong> Claims);
}
