using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Publishing;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EditorialBot.Workflow.Operations;

/// <summary>
/// The review operations the Discord desk and the command line call: votes, claim verdicts, clearing
/// requests, publish and unpublish. Each runs in one write transaction with its audit entry and the
/// review-channel work it causes, so nothing is half-recorded.
/// </summary>
internal sealed class ReviewService(
    IDbContextFactory<EditorialDbContext> dbs,
    RuntimeSettings settings,
    EpisodePublisher publisher,
    TimeProvider time,
    ILogger<ReviewService> log)
{
    public Task<ReviewOutcome> ApproveAsync(Guid episodeId, Reviewer who, CancellationToken cancellationToken = default) =>
        VoteAsync(episodeId, who, VoteKind.Approve, reason: null, cancellationToken);

    public Task<ReviewOutcome> RequestChangesAsync(Guid episodeId, Reviewer who, string reason, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult(ReviewOutcome.Refused("a request for changes needs a reason", episodeId))
            : VoteAsync(episodeId, who, VoteKind.RequestChanges, reason.Trim(), cancellationToken);

    /// <summary>Withdraws the caller's own active vote (e.g. a removed reaction).</summary>
    public async Task<ReviewOutcome> RetractAsync(Guid episodeId, Reviewer who, VoteKind? kind = null, CancellationToken cancellationToken = default)
    {
        var outcome = await ChangeAsync(episodeId, (db, episode, rules, now) =>
        {
            var vote = episode.Votes.FirstOrDefault(v => v.Status == VoteStatus.Active && v.VoterId == who.Id && (kind is null || v.Kind == kind));
            if (vote is null)
            {
                return new ReviewOutcome(OutcomeStatus.NoChange, $"{who.Display} has no active vote on this episode", episode.Id, episode.State);
            }
            End(vote, VoteStatus.Retracted, who, "retracted by the voter", now);
            Audit(db, episode, who, "retract", $"{vote.Kind} withdrawn", now);
            return Done(db, episode, rules, now, $"{who.Display} withdrew their {ReviewText.Describe(vote.Kind)}");
        }, cancellationToken);
        return await AutoPublishAsync(outcome, cancellationToken);
    }

    /// <summary>Clears a request for changes: the caller's own, or (admins) <paramref name="requestAuthorId"/>'s, or all of them.</summary>
    public async Task<ReviewOutcome> ClearChangeRequestAsync(Guid episodeId, Reviewer who, string? requestAuthorId = null, CancellationToken cancellationToken = default)
    {
        var outcome = await ChangeAsync(episodeId, (db, episode, rules, now) =>
        {
            var open = episode.Votes.Where(v => v.Status == VoteStatus.Active && v.Kind == VoteKind.RequestChanges).ToList();
            var targets = requestAuthorId is not null ? open.Where(v => v.VoterId == requestAuthorId).ToList()
                : who.IsAdmin ? open
                : open.Where(v => v.VoterId == who.Id).ToList();
            if (targets.Count == 0 && open.Count > 0 && ReviewPolicy.RefuseClear(who, open[0].VoterId) is { } notYours)
            {
                return ReviewOutcome.Refused(notYours, episode.Id);
            }
            if (targets.Count == 0)
            {
                return new ReviewOutcome(OutcomeStatus.NoChange, "no open request for changes to clear", episode.Id, episode.State);
            }
            foreach (var vote in targets)
            {
                if (ReviewPolicy.RefuseClear(who, vote.VoterId) is { } refusal)
                {
                    return ReviewOutcome.Refused(refusal, episode.Id);
                }
            }
            foreach (var vote in targets)
            {
                End(vote, VoteStatus.Cleared, who, $"cleared by {who.Display}", now);
                Audit(db, episode, who, "clear-request", $"request by {vote.VoterName ?? vote.VoterId} cleared: {vote.Reason}", now);
            }
            return Done(db, episode, rules, now, $"{who.Display} cleared {targets.Count} request(s) for changes");
        }, cancellationToken);
        return await AutoPublishAsync(outcome, cancellationToken);
    }

    /// <summary>Sets the verdict of claim number <paramref name="claimNumber"/> (as shown on the card and in the thread).</summary>
    public Task<ReviewOutcome> SetClaimVerdictAsync(Guid episodeId, int claimNumber, ClaimVerdict verdict, Reviewer who, string? note = null, CancellationToken cancellationToken = default) =>
        SetClaimVerdictsAsync(episodeId, [claimNumber], verdict, who, note, cancellationToken);

    /// <summary>Sets one verdict on several claims by number (<c>/claim … 3,5-9</c>); each claim is audited as if set alone.</summary>
    public Task<ReviewOutcome> SetClaimVerdictsAsync(Guid episodeId, IReadOnlyList<int> numbers, ClaimVerdict verdict, Reviewer who, string? note = null, CancellationToken cancellationToken = default) =>
        SetVerdictsAsync(episodeId, episode =>
        {
            var active = episode.Claims.Where(c => c.Active).ToDictionary(c => c.Number);
            var missing = numbers.Where(n => !active.ContainsKey(n)).ToList();
            return missing.Count == 0
                ? (numbers.Select(n => active[n]).ToList(), null)
                : ([], $"claim {ClaimText.Numbers(missing)} not found on this episode (its claims are {ClaimText.Numbers(active.Keys)})");
        }, verdict, who, note, byReaction: false, cancellationToken);

    /// <summary>Marks every optional claim nobody has judged yet "not a claim": the editor's "done with the rest".</summary>
    public Task<ReviewOutcome> DismissOptionalClaimsAsync(Guid episodeId, Reviewer who, CancellationToken cancellationToken = default) =>
        SetVerdictsAsync(episodeId, episode =>
        {
            var rest = episode.Claims.Where(c => c.Active && c.Tier == ClaimTier.Optional && c.Verdict == ClaimVerdict.Unverified).OrderBy(c => c.Number).ToList();
            return rest.Count == 0 ? ([], "no unverified optional claims left") : (rest, null);
        }, ClaimVerdict.NotAClaim, who, "remaining optional claims dismissed", byReaction: false, cancellationToken);

    /// <summary>Sets the verdict of a claim by its id; <paramref name="byReaction"/>: from a reaction on the claim's message (removing it clears the verdict).</summary>
    public async Task<ReviewOutcome> SetClaimVerdictByIdAsync(long claimId, ClaimVerdict verdict, Reviewer who, string? note = null, bool byReaction = false, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var episodeId = await db.Claims.Where(c => c.Id == claimId).Select(c => (Guid?)c.EpisodeId).FirstOrDefaultAsync(cancellationToken);
        return episodeId is null
            ? new ReviewOutcome(OutcomeStatus.NotFound, $"no claim with id {claimId}")
            : await SetVerdictsAsync(episodeId.Value, episode => episode.Claims.FirstOrDefault(c => c.Id == claimId) is { } claim
                ? ([claim], null)
                : ([], $"claim #{claimId} not found on this episode"), verdict, who, note, byReaction, cancellationToken);
    }

    /// <summary>
    /// A reaction was removed from a claim's message: the verdict goes back to unverified, but only if that very reaction
    /// set it (same person, same verdict, given by reaction); a verdict given since, by anyone or by command, stays.
    /// </summary>
    public async Task<ReviewOutcome> ClearReactionVerdictAsync(long claimId, ClaimVerdict verdict, Reviewer who, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var episodeId = await db.Claims.Where(c => c.Id == claimId).Select(c => (Guid?)c.EpisodeId).FirstOrDefaultAsync(cancellationToken);
        if (episodeId is null)
        {
            return new ReviewOutcome(OutcomeStatus.NotFound, $"no claim with id {claimId}");
        }
        return await ChangeAsync(episodeId.Value, (db, episode, rules, now) =>
        {
            var claim = episode.Claims.FirstOrDefault(c => c.Id == claimId);
            if (claim is null || RefuseClosed(episode) is not null || !claim.VerdictByReaction || claim.VerdictBy != who.Id || claim.Verdict != verdict)
            {
                return new ReviewOutcome(OutcomeStatus.NoChange, "the verdict was not set by this reaction", episode.Id, episode.State);
            }
            claim.Verdict = ClaimVerdict.Unverified;
            claim.VerdictBy = null;
            claim.VerdictByName = null;
            claim.VerdictAt = now;
            claim.VerdictNote = null;
            claim.VerdictByReaction = false;
            Audit(db, episode, who, "claim-verdict", $"claim {claim.Number} [{claim.Fingerprint}] {verdict} -> {ClaimVerdict.Unverified}: reaction removed", now);
            Outbox.Enqueue(db, episode.Id, OutboxKind.UpdateClaim, now, claim.Id);
            return Done(db, episode, rules, now, $"claim {claim.Number} is unverified again ({who.Display} removed their reaction)");
        }, cancellationToken);
    }

    private async Task<ReviewOutcome> SetVerdictsAsync(Guid episodeId, Func<Episode, (List<Storage.Claim> Claims, string? Problem)> pick, ClaimVerdict verdict, Reviewer who, string? note, bool byReaction, CancellationToken cancellationToken)
    {
        if (ReviewPolicy.RefuseReviewer(who) is { } refusal)
        {
            return ReviewOutcome.Refused(refusal, episodeId);
        }
        var outcome = await ChangeAsync(episodeId, (db, episode, rules, now) =>
        {
            if (RefuseClosed(episode) is { } closed)
            {
                return closed;
            }
            var (claims, problem) = pick(episode);
            if (problem is not null)
            {
                return new ReviewOutcome(OutcomeStatus.NotFound, problem, episode.Id, episode.State);
            }
            var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            var changed = claims.Where(c => !(c.Verdict == verdict && c.VerdictBy == who.Id && c.VerdictNote == trimmed)).ToList();
            if (changed.Count == 0)
            {
                return new ReviewOutcome(OutcomeStatus.NoChange, $"claim {ClaimText.Numbers(claims.Select(c => c.Number))} already {ReviewText.Describe(verdict)}", episode.Id, episode.State);
            }
            HashSet<ulong> messages = [];
            foreach (var claim in changed)
            {
                var before = claim.Verdict;
                claim.Verdict = verdict;
                claim.VerdictBy = who.Id;
                claim.VerdictByName = who.Display;
                claim.VerdictAt = now;
                claim.VerdictNote = trimmed;
                claim.VerdictByReaction = byReaction;
                Audit(db, episode, who, "claim-verdict", $"claim {claim.Number} [{claim.Fingerprint}] {before} -> {verdict}{(trimmed is null ? "" : $": {trimmed}")}", now);
                // Optional claims share list messages: one edit per message shows every verdict in it.
                if (claim.MessageId is not { } message || messages.Add(message))
                {
                    Outbox.Enqueue(db, episode.Id, OutboxKind.UpdateClaim, now, claim.Id);
                }
            }
            var numbers = ClaimText.Numbers(changed.Select(c => c.Number));
            return Done(db, episode, rules, now, $"{(changed.Count == 1 ? "claim" : $"{changed.Count} claims:")} {numbers} marked {ReviewText.Describe(verdict)} by {who.Display}");
        }, cancellationToken);
        return await AutoPublishAsync(outcome, cancellationToken);
    }

    private async Task<ReviewOutcome> VoteAsync(Guid episodeId, Reviewer who, VoteKind kind, string? reason, CancellationToken cancellationToken)
    {
        if (ReviewPolicy.RefuseReviewer(who) is { } refusal)
        {
            return ReviewOutcome.Refused(refusal, episodeId);
        }
        var outcome = await ChangeAsync(episodeId, (db, episode, rules, now) =>
        {
            if (RefuseClosed(episode) is { } closed)
            {
                return closed;
            }
            var mine = episode.Votes.Where(v => v.Status == VoteStatus.Active && v.VoterId == who.Id).ToList();
            if (mine.Count == 1 && mine[0].Kind == kind && mine[0].TextHash == episode.TextHash && mine[0].Reason == reason)
            {
                return new ReviewOutcome(OutcomeStatus.NoChange, $"{who.Display} already gave this {ReviewText.Describe(kind)}", episode.Id, episode.State, EpisodeReview.Decide(episode, rules));
            }
            // One vote per person: the new vote replaces the old one.
            foreach (var old in mine)
            {
                End(old, VoteStatus.Superseded, who, $"replaced by a new {ReviewText.Describe(kind)}", now);
            }
            episode.Votes.Add(new Vote
            {
                Kind = kind,
                VoterId = who.Id,
                VoterName = who.Display,
                Reason = reason,
                ContentHash = episode.ContentHash,
                TextHash = episode.TextHash,
                CastAt = now,
            });
            if (kind == VoteKind.Approve)
            {
                // Re-review of edited text settles requests made against the old text.
                foreach (var outdated in episode.Votes.Where(v => v.Status == VoteStatus.Active && v.Kind == VoteKind.RequestChanges && v.TextHash != episode.TextHash))
                {
                    End(outdated, VoteStatus.Dismissed, who, $"text changed and was reviewed again by {who.Display}", now);
                }
            }
            Audit(db, episode, who, kind == VoteKind.Approve ? "approve" : "request-changes", reason, now);
            if (kind == VoteKind.RequestChanges)
            {
                Outbox.Notice(db, episode.Id, now, NoticeKind.ChangesRequested, $"{who.Display} requested changes: {reason}");
            }
            return Done(db, episode, rules, now, kind == VoteKind.Approve ? $"approved by {who.Display}" : $"changes requested by {who.Display}");
        }, cancellationToken);
        return await AutoPublishAsync(outcome, cancellationToken);
    }

    /// <summary>Publishes when the review passed; <paramref name="force"/> (admins only) publishes despite blockers.</summary>
    public Task<ReviewOutcome> PublishAsync(Guid episodeId, Reviewer who, bool force = false, CancellationToken cancellationToken = default) =>
        publisher.PublishAsync(episodeId, who, force, cancellationToken);

    /// <summary>Admin: turns a published episode back into a draft, restoring its previous <c>status</c>; approvals are dismissed.</summary>
    public Task<ReviewOutcome> UnpublishAsync(Guid episodeId, Reviewer who, CancellationToken cancellationToken = default) =>
        publisher.UnpublishAsync(episodeId, who, cancellationToken);

    /// <summary>
    /// With <c>Review:AutoPublish</c>, publishes every episode whose review has passed but which is not published
    /// (e.g. its publish was rolled back by crash recovery). Returns the attempts made.
    /// </summary>
    public async Task<IReadOnlyList<ReviewOutcome>> PublishReadyAsync(CancellationToken cancellationToken = default)
    {
        if (!publisher.AutoPublish)
        {
            return [];
        }
        List<Guid> ready = [];
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            var rules = await settings.RulesAsync(db, cancellationToken);
            var approved = await db.Episodes.Where(e => e.State == EpisodeState.Approved && e.PendingChange == null)
                .Include(e => e.Votes).Include(e => e.Claims).AsSplitQuery().AsNoTracking().ToListAsync(cancellationToken);
            ready.AddRange(approved.Where(e => EpisodeReview.Decide(e, rules).CanPublish).Select(e => e.Id));
        }
        List<ReviewOutcome> outcomes = [];
        foreach (var id in ready)
        {
            var outcome = await publisher.PublishAsync(id, Reviewer.System("review"), force: false, cancellationToken);
            if (outcome.Status != OutcomeStatus.Done)
            {
                log.LogWarning("Episode {EpisodeId} passed review but publishing did not happen: {Message}", id, outcome.Message);
            }
            outcomes.Add(outcome);
        }
        return outcomes;
    }

    private async Task<ReviewOutcome> AutoPublishAsync(ReviewOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Status != OutcomeStatus.Done || outcome.Decision is not { CanPublish: true } || outcome.EpisodeId is not { } id || !publisher.AutoPublish)
        {
            return outcome;
        }
        var published = await publisher.PublishAsync(id, Reviewer.System("review"), force: false, cancellationToken);
        if (published.Status != OutcomeStatus.Done)
        {
            log.LogWarning("Episode {EpisodeId} passed review but publishing did not happen: {Message}", id, published.Message);
        }
        return outcome with
        {
            Message = $"{outcome.Message}; {published.Message}",
            State = published.State ?? outcome.State,
            Published = published.Published,
        };
    }

    private async Task<ReviewOutcome> ChangeAsync(Guid episodeId, Func<EditorialDbContext, Episode, ReviewRules, DateTimeOffset, ReviewOutcome> change, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.WriteAsync(async () =>
        {
            var episode = await db.Episodes.Include(e => e.Votes).Include(e => e.Claims).AsSplitQuery().FirstOrDefaultAsync(e => e.Id == episodeId, cancellationToken);
            if (episode is null)
            {
                return ReviewOutcome.NotFound(episodeId.ToString());
            }
            var rules = await settings.RulesAsync(db, cancellationToken);
            var outcome = change(db, episode, rules, time.GetUtcNow());
            if (outcome.Status is not OutcomeStatus.Done)
            {
                // Refusals change nothing: drop whatever the change touched before refusing.
                db.ChangeTracker.Clear();
            }
            return outcome;
        }, cancellationToken);
    }

    private static ReviewOutcome Done(EditorialDbContext db, Episode episode, ReviewRules rules, DateTimeOffset now, string message)
    {
        var decision = EpisodeReview.Refresh(episode, rules);
        episode.UpdatedAt = now;
        Outbox.Enqueue(db, episode.Id, OutboxKind.UpdateCard, now);
        var tail = decision.CanPublish ? "ready to publish" : $"waiting on: {string.Join("; ", decision.Blockers)}";
        return new ReviewOutcome(OutcomeStatus.Done, $"{message} ({ReviewText.State(decision.State)}, {tail})", episode.Id, decision.State, decision);
    }

    private static ReviewOutcome? RefuseClosed(Episode episode) => episode.State switch
    {
        EpisodeState.Published => ReviewOutcome.Refused("the episode is already published", episode.Id),
        EpisodeState.Gone => ReviewOutcome.Refused($"the file of this episode is gone ({episode.Path})", episode.Id),
        EpisodeState.Error => ReviewOutcome.Refused($"the note cannot be read: {episode.Error}", episode.Id),
        _ => null,
    };

    private static void End(Vote vote, VoteStatus status, Reviewer who, string reason, DateTimeOffset now)
    {
        vote.Status = status;
        vote.EndedAt = now;
        vote.EndedBy = who.Display;
        vote.EndReason = reason;
    }

    private static void Audit(EditorialDbContext db, Episode episode, Reviewer who, string action, string? details, DateTimeOffset now) =>
        db.AuditLog.Add(new AuditEntry { At = now, Actor = who.AuditActor, Action = action, EpisodeId = episode.Id, ContentHash = episode.ContentHash, Details = details });
}
