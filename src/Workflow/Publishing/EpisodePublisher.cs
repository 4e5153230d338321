using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Content;
using EditorialBot.Workflow.Git;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EditorialBot.Workflow.Publishing;

/// <summary>
/// Publishes and unpublishes episodes through the content engine's byte-exact publisher, crash-safe:
/// (1) record the intent in the database, (2) write the file (atomic, checked against the reviewed
/// hash), (3) optionally commit it, (4) record the result. <see cref="RecoverAsync"/> at start-up
/// finishes or rolls back an intent left by a crash, by comparing the file with the database.
/// </summary>
internal sealed partial class EpisodePublisher(
    IDbContextFactory<EditorialDbContext> dbs,
    RuntimeSettings settings,
    IOptions<PublishingOptions> publishing,
    IOptions<ReviewOptions> review,
    IOptions<GitOptions> gitOptions,
    IOptions<ContentOptions> contentOptions,
    GitCommitter git,
    TimeProvider time,
    ILogger<EpisodePublisher> log)
{
    private ContentOptions Content => contentOptions.Value;

    public bool AutoPublish => review.Value.AutoPublish;

    /// <summary>
    /// The one publish path (desk, scheduler, command line). <paramref name="outsideReview"/> names where a publish
    /// outside the review flow came from (e.g. "command line"); it implies <paramref name="force"/> and is always audited,
    /// in the same transaction as the intent, before the file is touched.
    /// </summary>
    public async Task<ReviewOutcome> PublishAsync(Guid episodeId, Reviewer who, bool force, CancellationToken cancellationToken, string? outsideReview = null)
    {
        force |= outsideReview is not null;
        if (force && !who.IsAdmin)
        {
            return ReviewOutcome.Refused($"only admins can force a publish ({who.Display} is not one)", episodeId);
        }
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var intent = await db.WriteAsync(async () =>
        {
            var (episode, refusal) = await LoadIdleAsync(db, episodeId, cancellationToken);
            if (episode is null)
            {
                return (refusal!, (Episode?)null);
            }
            if (episode.State == EpisodeState.Published)
            {
                return (new ReviewOutcome(OutcomeStatus.NoChange, "already published", episodeId, episode.State), null);
            }
            var rules = await settings.RulesAsync(db, cancellationToken);
            var decision = EpisodeReview.Decide(episode, rules);
            if (episode.State is EpisodeState.Gone or EpisodeState.Error)
            {
                return (ReviewOutcome.Refused($"cannot publish: {string.Join("; ", decision.Blockers)}", episodeId, decision), null);
            }
            if (!decision.CanPublish && !force)
            {
                return (ReviewOutcome.Refused($"not ready to publish: {string.Join("; ", decision.Blockers)}", episodeId, decision), null);
            }
            var fullPath = FullPath(episode);
            var check = CheckFile(fullPath, episode);
            if (check is not null)
            {
                return (ReviewOutcome.Refused(check, episodeId, decision), null);
            }
            episode.PendingChange = PendingFileChange.Publish;
            episode.PendingBy = who.AuditActor;
            episode.PendingSince = time.GetUtcNow();
            // Known exactly only after the write; recorded now so a recovery after a crash can still undo it later.
            var before = NoteFile.Read(fullPath, Content.DraftDialect).FrontMatter;
            episode.StatusBeforePublish = before.Status;
            episode.DraftBeforePublish = before.Draft ?? "true";
            if (outsideReview is not null)
            {
                Audit(db, episode, who, "force-publish", $"{episode.Path} published outside the review flow ({outsideReview})"
                    + (decision.CanPublish ? "" : $" despite: {string.Join("; ", decision.Blockers)}"));
            }
            else if (force && !decision.CanPublish)
            {
                Audit(db, episode, who, "force-publish", $"published despite: {string.Join("; ", decision.Blockers)}");
            }
            return ((ReviewOutcome?)null, episode);
        }, cancellationToken);
        if (intent.Item1 is { } early)
        {
            return early;
        }
        var target = intent.Item2!;
        var path = FullPath(target);

        var flip = Write(target, () => Publisher.Publish(Content.FullRoot, path, publishing.Value.Values, Content.DraftDialect, target.ContentHash));
        if (flip.Outcome != PublishOutcome.Published)
        {
            await AbandonAsync(target.Id, who, flip.Explanation ?? flip.Outcome.ToString(), cancellationToken);
            return ReviewOutcome.Refused($"publish refused, nothing changed: {target.Path}: {flip.Explanation ?? Explain(flip.Outcome)}", target.Id);
        }

        var approvers = ApproversOf(target);
        var commit = await CommitAsync(target, path, approvers, force ? who.AuditActor : null, cancellationToken);
        if (commit.Withdrawn is { } withdrawn)
        {
            await WithdrawAsync(target.Id, who, withdrawn, cancellationToken);
            return ReviewOutcome.Refused($"publish withdrawn: {withdrawn}; the file is upstream's version and the note is back in review", target.Id) with { Withdrawn = true };
        }
        var record = await CompleteAsync(target.Id, PendingFileChange.Publish, flip.ContentHash!, commit.Commit, commit.Error, cancellationToken, exact: flip);
        return new ReviewOutcome(OutcomeStatus.Done,
            $"published {target.Path}" + (commit.Commit is null ? "" : $" (commit {commit.Commit[..Math.Min(10, commit.Commit.Length)]})") + (commit.Error is null ? "" : $"; git commit failed: {commit.Error}"),
            target.Id, EpisodeState.Published, Published: record);
    }

    public async Task<ReviewOutcome> UnpublishAsync(Guid episodeId, Reviewer who, CancellationToken cancellationToken)
    {
        if (!who.IsAdmin)
        {
            return ReviewOutcome.Refused($"only admins can unpublish ({who.Display} is not one)", episodeId);
        }
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var intent = await db.WriteAsync(async () =>
        {
            var (episode, refusal) = await LoadIdleAsync(db, episodeId, cancellationToken);
            if (episode is null)
            {
                return (refusal!, (Episode?)null);
            }
            if (episode.State != EpisodeState.Published)
            {
                return (new ReviewOutcome(OutcomeStatus.NoChange, "not published; nothing to unpublish", episodeId, episode.State), null);
            }
            var check = CheckFile(FullPath(episode), episode);
            if (check is not null)
            {
                return (ReviewOutcome.Refused(check, episodeId), null);
            }
            episode.PendingChange = PendingFileChange.Unpublish;
            episode.PendingBy = who.AuditActor;
            episode.PendingSince = time.GetUtcNow();
            return ((ReviewOutcome?)null, episode);
        }, cancellationToken);
        if (intent.Item1 is { } early)
        {
            return early;
        }
        var target = intent.Item2!;
        var flip = Write(target, () => Publisher.Unpublish(Content.FullRoot, FullPath(target), target.DraftBeforePublish ?? "true", target.StatusBeforePublish, Content.DraftDialect, target.ContentHash));
        if (flip.Outcome != PublishOutcome.Unpublished)
        {
            await AbandonAsync(target.Id, who, flip.Explanation ?? flip.Outcome.ToString(), cancellationToken);
            return ReviewOutcome.Refused($"unpublish refused, nothing changed: {target.Path}: {flip.Explanation ?? Explain(flip.Outcome)}", target.Id);
        }
        var record = await CompleteAsync(target.Id, PendingFileChange.Unpublish, flip.ContentHash!, null, null, cancellationToken);
        return new ReviewOutcome(OutcomeStatus.Done, $"unpublished {target.Path}: a draft again (status restored to {target.StatusBeforePublish ?? "none"}); approvals dismissed", target.Id, record.State);
    }

    private async Task<(string? Commit, string? Error, string? Withdrawn)> CommitAsync(Episode episode, string path, IReadOnlyList<string> approvers, string? forcedBy, CancellationToken cancellationToken)
    {
        if (!gitOptions.Value.Commit)
        {
            return (null, null, null);
        }
        try
        {
            var verdicts = episode.Claims.Where(c => c.Active).OrderBy(c => c.Number)
                .Select(c => $"#{c.Number} {ReviewText.Describe(c.Verdict)}{(c.VerdictByName is null ? "" : $" by {c.VerdictByName}")} [{c.Fingerprint}]")
                .ToList();
            var message = GitCommitter.Message(episode.Title ?? episode.Path, episode.Path, episode.Id, episode.ContentHash, approvers, verdicts, forcedBy);
            var result = await git.CommitAsync(path, message, gitOptions.Value.Push, cancellationToken);
            return result.Push switch
            {
                GitPushOutcome.Withdrawn => (null, null, result.Detail),
                GitPushOutcome.Failed => (result.Commit, $"committed but not pushed: {result.Detail}", null),
                _ => (result.Commit, null, null),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            // The file is published either way; a failed commit is reported, not rolled back.
            log.LogError(ex, "git commit of {Path} failed", episode.Path);
            return (null, ex.Message, null);
        }
    }

    private static PublishResult Write(Episode episode, Func<PublishResult> write)
    {
        try
        {
            return write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new PublishResult(PublishOutcome.Refused, episode.Path, ex.Message);
        }
    }

    private static string Explain(PublishOutcome outcome) => outcome switch
    {
        PublishOutcome.NotADraft => "the file is not a draft",
        PublishOutcome.AlreadyADraft => "the file is already a draft",
        PublishOutcome.Changed => "the file changed since it was reviewed",
        _ => "the file cannot be edited safely",
    };

    private async Task<PublishRecord> CompleteAsync(Guid id, PendingFileChange change, string newHash, string? commit, string? gitError, CancellationToken cancellationToken, bool recovered = false, PublishResult? exact = null)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.WriteAsync(async () =>
        {
            var episode = (await LoadAsync(db, id, cancellationToken))!;
            var now = time.GetUtcNow();
            var rules = await settings.RulesAsync(db, cancellationToken);
            var by = episode.PendingBy ?? "bot";
            var approvers = ApproversOf(episode);
            episode.ContentHash = newHash;
            episode.PendingChange = null;
            episode.PendingBy = null;
            episode.PendingSince = null;
            episode.UpdatedAt = now;
            await RememberStatAsync(db, episode, change == PendingFileChange.Unpublish, cancellationToken);
            var suffix = recovered ? " (completed at start-up after an interruption)" : "";
            if (change == PendingFileChange.Publish)
            {
                if (exact is not null)
                {
                    episode.DraftBeforePublish = exact.PreviousDraft ?? episode.DraftBeforePublish;
                    episode.StatusBeforePublish = exact.StatusInserted ? null : exact.PreviousStatus;
                }
                episode.State = EpisodeState.Published;
                episode.PublishedAt = now;
                episode.PublishedBy = by;
                episode.PublishCommit = commit;
                var verdicts = string.Join(", ", episode.Claims.Where(c => c.Active).OrderBy(c => c.Number).Select(c => $"#{c.Number} {ReviewText.Describe(c.Verdict)}"));
                db.AuditLog.Add(new AuditEntry
                {
                    At = now,
                    Actor = by,
                    Action = "published",
                    EpisodeId = id,
                    ContentHash = newHash,
                    Details = $"approved by {(approvers.Count == 0 ? "nobody" : string.Join(", ", approvers))}; claims: {(verdicts.Length == 0 ? "none" : verdicts)}"
                        + (commit is null ? "" : $"; commit {commit}") + (gitError is null ? "" : $"; git commit failed: {gitError}") + suffix,
                });
                var text = $"Published by {by}. Approved by {(approvers.Count == 0 ? "nobody (forced)" : string.Join(", ", approvers))}."
                    + (commit is null ? "" : $" Commit `{commit}`.");
                Outbox.Notice(db, id, now, NoticeKind.Published, text, approvers, commit);
            }
            else
            {
                foreach (var vote in episode.Votes.Where(v => v.Status == VoteStatus.Active && v.Kind == VoteKind.Approve))
                {
                    vote.Status = VoteStatus.Dismissed;
                    vote.EndedAt = now;
                    vote.EndedBy = by;
                    vote.EndReason = "unpublished";
                }
                episode.PublishedAt = null;
                episode.PublishCommit = null;
                episode.TextChangedAt = now;
                EpisodeReview.Refresh(episode, rules, FileCondition.Draft, published: false);
                db.AuditLog.Add(new AuditEntry
                {
                    At = now,
                    Actor = by,
                    Action = "unpublished",
                    EpisodeId = id,
                    ContentHash = newHash,
                    Details = $"draft again, status restored to {episode.StatusBeforePublish ?? "(none)"}; approvals dismissed" + suffix,
                });
                Outbox.Notice(db, id, now, NoticeKind.Unpublished, $"Unpublished by {by}: the note is a draft again and needs a new review.", approvers);
            }
            Outbox.Enqueue(db, id, OutboxKind.UpdateCard, now);
            return new PublishRecord(episode.Path, newHash, commit, approvers, episode.State);
        }, cancellationToken);
    }

    /// <summary>
    /// Upstream changed the approved note while we published: the file is upstream's version now. The publish is
    /// abandoned, the next sweep reads the new text (approvals on the old text are dismissed), and the thread is told.
    /// </summary>
    private async Task WithdrawAsync(Guid id, Reviewer who, string why, CancellationToken cancellationToken)
    {
        log.LogWarning("Publish of episode {EpisodeId} withdrawn: {Reason}", id, why);
        await AbandonAsync(id, who, $"withdrawn: {why}", cancellationToken, forgetStat: true);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await db.WriteAsync(() =>
        {
            Outbox.Notice(db, id, time.GetUtcNow(), NoticeKind.Edited,
                $"Publishing was withdrawn: {why}. The file now holds upstream's version; it needs a new review.");
            return Task.CompletedTask;
        }, cancellationToken);
    }

    private async Task AbandonAsync(Guid id, Reviewer who, string why, CancellationToken cancellationToken, bool forgetStat = false)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await db.WriteAsync(async () =>
        {
            var episode = await db.Episodes.FirstAsync(e => e.Id == id, cancellationToken);
            var change = episode.PendingChange;
            episode.PendingChange = null;
            episode.PendingBy = null;
            episode.PendingSince = null;
            if (forgetStat && await db.ScannedFiles.FirstOrDefaultAsync(f => f.EpisodeId == id && f.Path == episode.Path, cancellationToken) is { } scanned)
            {
                // Make the next sweep read the file whatever its stat says.
                scanned.Size = -1;
            }
            db.AuditLog.Add(new AuditEntry
            {
                At = time.GetUtcNow(),
                Actor = who.AuditActor,
                Action = $"{change?.ToString().ToLowerInvariant() ?? "publish"}-abandoned",
                EpisodeId = id,
                ContentHash = episode.ContentHash,
                Details = why,
            });
        }, cancellationToken);
    }

    /// <summary>Our own write is not an outside change: store the new stat so the next sweep skips the file.</summary>
    private async Task RememberStatAsync(EditorialDbContext db, Episode episode, bool draft, CancellationToken cancellationToken)
    {
        var scanned = await db.ScannedFiles.FirstOrDefaultAsync(f => f.Path == episode.Path, cancellationToken);
        if (scanned is null)
        {
            return;
        }
        var info = new FileInfo(FullPath(episode));
        scanned.Size = info.Length;
        scanned.ModifiedTicks = info.LastWriteTimeUtc.Ticks;
        scanned.ContentHash = episode.ContentHash;
        scanned.Draft = draft;
    }

    private string? CheckFile(string fullPath, Episode episode)
    {
        if (!File.Exists(fullPath))
        {
            return $"{episode.Path} does not exist any more";
        }
        var now = NoteFile.Read(fullPath, Content.DraftDialect);
        return now.ContentHash == episode.ContentHash
            ? null
            : $"{episode.Path} changed since it was reviewed (the file's hash differs from the reviewed version); the next sweep will show the change to reviewers";
    }

    private string FullPath(Episode episode) => Path.GetFullPath(Path.Combine(Content.FullRoot, episode.Path));

    private static IReadOnlyList<string> ApproversOf(Episode episode) =>
        episode.Votes.Where(v => v.Status == VoteStatus.Active && v.Kind == VoteKind.Approve && v.TextHash == episode.TextHash)
            .OrderBy(v => v.CastAt).Select(v => v.VoterName ?? v.VoterId).Distinct().ToList();

    /// <summary>The episode, unless it is unknown or another publish/unpublish of it is under way (then the refusal).</summary>
    private static async Task<(Episode? Episode, ReviewOutcome? Refusal)> LoadIdleAsync(EditorialDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var episode = await LoadAsync(db, id, cancellationToken);
        return episode switch
        {
            null => (null, ReviewOutcome.NotFound(id.ToString())),
            { PendingChange: { } pending } => (null, ReviewOutcome.Refused($"a {pending.ToString().ToLowerInvariant()} of this episode is in progress since {episode.PendingSince:u}", id)),
            _ => (episode, null),
        };
    }

    private static Task<Episode?> LoadAsync(EditorialDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Episodes.Include(e => e.Votes).Include(e => e.Claims).AsSplitQuery().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    private void Audit(EditorialDbContext db, Episode episode, Reviewer who, string action, string details) =>
        db.AuditLog.Add(new AuditEntry { At = time.GetUtcNow(), Actor = who.AuditActor, Action = action, EpisodeId = episode.Id, ContentHash = episode.ContentHash, Details = details });
}
