using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Bot.Discord.Rest;
using EditorialBot.Storage;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EditorialBot.Bot.Desk;

/// <summary>
/// Reactions as votes and verdicts. On a card ✅ approves and ❌ requests changes (removing it retracts); on a
/// claim message ✅ ❌ ❓ ➖ set the verdict. Reactions of non-editors and of the bot itself are ignored. Events may
/// repeat, so every effect is keyed on (message, user, emoji) and the current state: the review service treats
/// a second identical vote or verdict as no change.
/// </summary>
internal sealed class ReactionHandler(DiscordRestClient rest, DeskServices desk, ILogger<ReactionHandler> log)
{
    public async Task AddedAsync(MessageReactionAdd reaction, Snowflake? self, CancellationToken cancellationToken)
    {
        if (reaction.UserId == self || reaction.Member?.User?.Bot == true)
        {
            return;
        }
        var who = DeskMembers.Reviewer(desk.Options, reaction.UserId, reaction.Member);
        if (!who.MayReview)
        {
            log.LogDebug("Ignored a reaction of non-editor {UserId}", reaction.UserId);
            return;
        }
        await ApplyAsync(reaction.MessageId, reaction.Emoji.Name, who, cancellationToken);
    }

    public async Task RemovedAsync(MessageReactionRemove reaction, CancellationToken cancellationToken) =>
        await UnapplyAsync(reaction.MessageId, reaction.Emoji.Name, reaction.UserId, cancellationToken);

    /// <summary>
    /// A removed reaction withdraws what it did: on a card the reactor's vote of that kind, on a claim message the verdict
    /// if that reaction set it. Only the reactor's own doing is touched, so no role check is needed (the event carries no member).
    /// </summary>
    private async Task<bool> UnapplyAsync(Snowflake messageId, string? emoji, Snowflake userId, CancellationToken cancellationToken)
    {
        var who = new Reviewer(userId.ToString(), null, IsEditor: false, IsAdmin: false);
        await using var db = await desk.Dbs.CreateDbContextAsync(cancellationToken);
        var episodeId = await db.Episodes.Where(e => e.ReviewMessageId == messageId.Value).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (episodeId is { } id)
        {
            return DeskEmoji.Vote(emoji) is { } kind
                && desk.Delivered(await desk.Reviews.RetractAsync(id, who, kind, cancellationToken)).Status == OutcomeStatus.Done;
        }
        var claimId = await db.Claims.Where(c => c.MessageId == messageId.Value).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return claimId is { } claim && DeskEmoji.Verdict(emoji) is { } verdict
            && desk.Delivered(await desk.Reviews.ClearReactionVerdictAsync(claim, verdict, who, cancellationToken)).Status == OutcomeStatus.Done;
    }

    /// <summary>
    /// After a new session (a reconnect that could not resume), reads the reactions on open cards and claim
    /// messages so that votes and verdicts given while the bot was away still count.
    /// </summary>
    public async Task ReconcileAsync(Snowflake? self, CancellationToken cancellationToken)
    {
        await using var db = await desk.Dbs.CreateDbContextAsync(cancellationToken);
        var open = await db.Episodes.AsNoTracking()
            .Where(e => e.ReviewMessageId != null && e.State != EpisodeState.Published && e.State != EpisodeState.Gone && e.State != EpisodeState.Error)
            .Select(e => new { e.ReviewMessageId, e.ReviewThreadId, Claims = e.Claims.Where(c => c.MessageId != null && c.Verdict == ClaimVerdict.Unverified).Select(c => c.MessageId).ToList() })
            .ToListAsync(cancellationToken);
        Dictionary<Snowflake, Reviewer> members = [];
        var applied = 0;
        foreach (var episode in open)
        {
            foreach (var emoji in new[] { DeskEmoji.Yes, DeskEmoji.No })
            {
                applied += await ReplayAsync(desk.Options.ReviewChannelId, episode.ReviewMessageId!.Value, emoji, self, members, cancellationToken);
            }
            var thread = episode.ReviewThreadId ?? episode.ReviewMessageId!.Value;
            foreach (var claimMessage in episode.Claims)
            {
                foreach (var emoji in DeskEmoji.ClaimReactions)
                {
                    applied += await ReplayAsync(thread, claimMessage!.Value, emoji, self, members, cancellationToken);
                }
            }
        }
        log.LogInformation("Reconciled reactions on {Cards} open cards: {Applied} reactions applied", open.Count, applied);
    }

    private async Task<int> ReplayAsync(Snowflake channel, Snowflake message, string emoji, Snowflake? self, Dictionary<Snowflake, Reviewer> members, CancellationToken cancellationToken)
    {
        var applied = 0;
        foreach (var user in await rest.GetReactionsAsync(channel, message, emoji, cancellationToken))
        {
            if (user.Id == self || user.Bot == true)
            {
                continue;
            }
            if (!members.TryGetValue(user.Id, out var who))
            {
                GuildMember? member = null;
                try
                {
                    member = await rest.GetGuildMemberAsync(desk.Options.GuildId, user.Id, cancellationToken);
                }
                catch (DiscordApiException ex) when (ex.Code == 10007)
                {
                    // Left the server: their reaction no longer counts.
                }
                members[user.Id] = who = DeskMembers.Reviewer(desk.Options, user.Id, member, user);
            }
            if (who.MayReview && await ApplyAsync(message, emoji, who, cancellationToken))
            {
                applied++;
            }
        }
        return applied;
    }

    private async Task<bool> ApplyAsync(Snowflake messageId, string? emoji, Reviewer who, CancellationToken cancellationToken)
    {
        await using var db = await desk.Dbs.CreateDbContextAsync(cancellationToken);
        var episodeId = await db.Episodes.Where(e => e.ReviewMessageId == messageId.Value).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (episodeId is { } id)
        {
            var outcome = DeskEmoji.Vote(emoji) switch
            {
                VoteKind.Approve => await desk.Reviews.ApproveAsync(id, who, cancellationToken),
                VoteKind.RequestChanges => await desk.Reviews.RequestChangesAsync(id, who, "requested with ❌ on the card (see the thread)", cancellationToken),
                _ => null,
            };
            return outcome is not null && desk.Delivered(outcome).Status == OutcomeStatus.Done;
        }
        var claimId = await db.Claims.Where(c => c.MessageId == messageId.Value).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (claimId is { } claim && DeskEmoji.Verdict(emoji) is { } verdict)
        {
            return desk.Delivered(await desk.Reviews.SetClaimVerdictByIdAsync(claim, verdict, who, note: null, byReaction: true, cancellationToken)).Status == OutcomeStatus.Done;
        }
        return false;
    }
}
