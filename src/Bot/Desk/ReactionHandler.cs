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
/// (<see cref="MessageReaction"/>) so that after an outage only emojis that have reactions now or had them need their reactor lists read.
/// A reaction on a new card that arrives before the card's id is stored is kept (<see cref="UnmatchedReactions"/>) and
/// applied when the id is stored (<see cref="Stored"/>).
/// </summary>
internal sealed class ReactionHandler(
    DiscordRestClient rest,
    ReviewService reviews,
    IDbContextFactory<EditorialDbContext> dbs,
    IOptions<DiscordOptions> options,
    UnmatchedReactions unmatched,
    ILogger<ReactionHandler> log)
{
    // Live events and reconcile steps change votes one at a time; a reconcile step skips a (message, emoji) that a live
    // event touched after the reconcile began (the event is newer than what the reconcile read).
    private readonly SemaphoreSlim _apply = new(1, 1);
    private readonly ConcurrentDictionary<(ulong Message, string Emoji), long> _touched = new();
    private long _sequence;

    public async Task AddedAsync(MessageReactionAdd reaction, Snowflake? self, CancellationToken cancellationToken)
    {
        var change = new ReactionChange(reaction.MessageId, reaction.Emoji.Key, reaction.UserId, Added: true, reaction.Member,
            ByBot: reaction.UserId == self || reaction.Member?.User?.Bot == true);
        // Only the bot's own messages can turn out to be a card or claim message whose id is not stored yet
        // (gateway-events.mdx, "Message Reaction Add": message_author_id, optional; when absent, keep it to be safe).
        await LiveAsync(change, keepIfUnmatched: reaction.MessageAuthorId is null || reaction.MessageAuthorId == self, cancellationToken);
    }

    public Task RemovedAsync(MessageReactionRemove reaction, CancellationToken cancellationToken) =>
        LiveAsync(new ReactionChange(reaction.MessageId, reaction.Emoji.Key, reaction.UserId, Added: false, Member: null, ByBot: false), keepIfUnmatched: false, cancellationToken);

    /// <summary>
    /// The id of a card or claim message was just stored: applies, in order, the reactions that arrived before it
    /// (<see cref="UnmatchedReactions"/>). If the create was answered with a message that already had reactions (an
    /// earlier attempt created it: a lost response, or a holder that died before storing the id), those were given before
    /// anyone here could match them, so the message's reactors are read now as a reconcile would. Runs off the caller's
    /// path (the outbox's delivery), one step among the live events.
    /// </summary>
    public void Stored(Message message, CancellationToken cancellationToken)
    {
        var started = Interlocked.Read(ref _sequence);
        _ = Task.Run(async () =>
        {
            try
            {
                // Always under the lock, never after a quick look: a live event may be between finding no card and keeping itself.
                await _apply.WaitAsync(cancellationToken);
                try
                {
                    await ApplyKeptAsync(message.Id, cancellationToken);
                }
                finally
                {
                    _apply.Release();
                }
                if (message.Reactions?.Any(static r => r.Count > 0 && DeskEmoji.Verdict(r.Emoji.Key) is not null) == true)
                {
                    await ReconcileStoredAsync(message, started, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                // The next new session's reconcile reads this message's reactions again.
                log.LogError(ex, "Applying the reactions given before message {MessageId} was stored failed", message.Id);
            }
        }, CancellationToken.None);
    }

    private async Task ReconcileStoredAsync(Message message, long started, CancellationToken cancellationToken)
    {
        var id = message.Id.Value;
        IReadOnlyList<string> emojis;
        Dictionary<(ulong, string), HashSet<ulong>> known;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            emojis = await db.Episodes.AnyAsync(e => e.ReviewMessageId == id, cancellationToken) ? [DeskEmoji.Yes, DeskEmoji.No]
                : await ReactionClaimAsync(db, message.Id, cancellationToken) is not null ? DeskEmoji.ClaimReactions
                : [];
            known = (await db.MessageReactions.AsNoTracking().Where(r => r.MessageId == id).ToListAsync(cancellationToken))
                .GroupBy(r => (r.MessageId, r.Emoji))
                .ToDictionary(g => g.Key, g => g.Select(r => r.UserId).ToHashSet());
        }
        var changed = await ReconcileMessageAsync(message.ChannelId, message, emojis, known, started, self: null, [], cancellationToken);
        log.LogInformation("Message {MessageId} already had reactions when its id was stored: {Changed} reactions added or removed", message.Id, changed);
    }

    /// <summary>
    /// A live reaction. On a message that is not (yet) a card or claim message it is kept, if it is on one of the bot's
    /// messages or follows a reaction kept there; on one that is, the reactions kept for it are applied first, so that
    /// a removal never overtakes the addition it withdraws.
    /// </summary>
    private async Task LiveAsync(ReactionChange change, bool keepIfUnmatched, CancellationToken cancellationToken)
    {
        if (DeskEmoji.Verdict(change.Emoji) is null)
        {
            return; // Not a vote or verdict: nothing to do or remember.
        }
        Touch(change.MessageId, change.Emoji);
        await _apply.WaitAsync(cancellationToken);
        try
        {
            if (!await IsOursAsync(change.MessageId, cancellationToken))
            {
                if (keepIfUnmatched || unmatched.Has(change.MessageId))
                {
                    unmatched.Keep(change);
                }
                return;
            }
            await ApplyKeptAsync(change.MessageId, cancellationToken);
            await ChangeAsync(change, cancellationToken);
        }
        finally
        {
            _apply.Release();
        }
    }

    /// <summary>Applies the reactions kept for a message that is now a card or claim message (a list of optional claims is not: they are dropped).</summary>
    private async Task ApplyKeptAsync(Snowflake messageId, CancellationToken cancellationToken)
    {
        var kept = unmatched.Take(messageId);
        if (kept.Count == 0 || !await IsOursAsync(messageId, cancellationToken))
        {
            return;
        }
        log.LogInformation("Applying {Count} reactions that arrived before message {MessageId} was stored", kept.Count, messageId);
        foreach (var change in kept)
        {
            await ChangeAsync(change, cancellationToken);
        }
    }

    /// <summary>Remembers one reaction on a card or claim message and applies (or withdraws) what it does. Caller holds <see cref="_apply"/>.</summary>
    private async Task ChangeAsync(ReactionChange change, CancellationToken cancellationToken)
    {
        if (!change.Added)
        {
            await RememberAsync(change.MessageId, change.Emoji, [], [change.UserId], cancellationToken);
            await UnapplyAsync(change.MessageId, change.Emoji, change.UserId, cancellationToken);
            return;
        }
        await RememberAsync(change.MessageId, change.Emoji, [change.UserId], [], cancellationToken);
        if (change.ByBot)
        {
            return;
        }
        var who = DeskMembers.Reviewer(options.Value, change.UserId, change.Member);
        if (!who.MayReview)
        {
            log.LogDebug("Ignored a reaction of non-editor {UserId}", change.UserId);
            return;
        }
        await ApplyAsync(change.MessageId, change.Emoji, who, cancellationToken);
    }

    /// <summary>
    /// After a new session (a reconnect that could not resume): brings votes and verdicts up to date with the reactions
    /// on open cards and their claim messages. Reads the messages (a page of up to 100 carries every message's reaction
    /// counts), and reads an emoji's reactors only where it has reactions now or we remember some, applying additions
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
            // An equal count proves nothing: one editor's reaction removed and another's added while nobody listened (a
            // take-over between instances) leave it unchanged, and a reaction object carries no user ids (message.mdx,
            // "Reaction Object"). Only an emoji nobody uses, then or now, is skipped.
            if (message.ReactionCount(emoji) == 0 && remembered.Count == 0)
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

    /// <summary>Remembers who reacts with <paramref name="emoji"/> on one of our cards or claim messages (callers pass no other messages).</summary>
    private async Task RememberAsync(Snowflake messageId, string emoji, IReadOnlyList<Snowflake> present, IReadOnlyList<Snowflake> gone, CancellationToken cancellationToken)
    {
        if (DeskEmoji.Verdict(emoji) is null || present.Count + gone.Count == 0)
        {
            return;
        }
        var id = messageId.Value;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
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

    /// <summary>A card, or a check-tier claim's own message: the messages whose reactions count and are remembered.</summary>
    private async Task<bool> IsOursAsync(Snowflake messageId, CancellationToken cancellationToken)
    {
        var id = messageId.Value;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Episodes.AnyAsync(e => e.ReviewMessageId == id, cancellationToken) || await ReactionClaimAsync(db, messageId, cancellationToken) is not null;
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
