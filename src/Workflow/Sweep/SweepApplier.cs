using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using ClaimEntity = EditorialBot.Storage.Claim;

namespace EditorialBot.Workflow.Sweep;

/// <summary>Applies one sweep observation to the database inside the caller's transaction: state, claims, audit, outbox.</summary>
internal sealed class SweepApplier(EditorialDbContext db, ReviewRules rules, DateTimeOffset now, List<SweepEvent> events)
{
    private const string Actor = "sweep";

    public async Task ObservedAsync(Observation observation, CancellationToken cancellationToken)
    {
        var scanned = await db.ScannedFiles.FindAsync([observation.Path], cancellationToken);
        if (observation.Kind == ObservationKind.Touched)
        {
            if (scanned is not null)
            {
                scanned.Size = observation.Stat.Size;
                scanned.ModifiedTicks = observation.Stat.ModifiedTicks;
            }
            return;
        }
        var note = observation.Note;
        if (scanned is not null && scanned.ContentHash == note.ContentHash && scanned.Size == observation.Stat.Size)
        {
            // Another sweep (e.g. the CLI while the bot runs) already recorded these bytes.
            return;
        }
        var wasBroken = scanned?.Error is not null;
        if (scanned is null)
        {
            scanned = new ScannedFile { Path = observation.Path, ContentHash = note.ContentHash };
            db.ScannedFiles.Add(scanned);
        }
        scanned.Size = observation.Stat.Size;
        scanned.ModifiedTicks = observation.Stat.ModifiedTicks;
        scanned.ContentHash = note.ContentHash;
        scanned.Draft = note.FrontMatter.IsDraft;
        scanned.Error = note.FrontMatter.Error?.ToString();

        var episode = scanned.EpisodeId is { } id ? await LoadAsync(id, cancellationToken) : null;
        var moved = false;
        if (episode is null && observation.MoveOf is { } movedId)
        {
            episode = await LoadAsync(movedId, cancellationToken);
            moved = episode is not null;
            if (moved && observation.MovedFrom is { } from && from != observation.Path
                && await db.ScannedFiles.FindAsync([from], cancellationToken) is { } old && old.EpisodeId == movedId)
            {
                db.ScannedFiles.Remove(old);
            }
        }

        if (note.FrontMatter.Error is { } error)
        {
            // Reported once per distinct broken content: an unchanged broken file is not read again.
            events.Add(new SweepEvent(SweepEventKind.Broken, observation.Path, episode?.Id, episode?.Title, error.ToString()));
            if (episode is not null)
            {
                episode.ContentHash = note.ContentHash;
                episode.Error = $"{observation.Path}: {error}";
                episode.UpdatedAt = now;
                EpisodeReview.Refresh(episode, rules, FileCondition.Broken);
                Audit(episode, "broken", episode.Error);
                Outbox.Notice(db, episode.Id, now, NoticeKind.Broken, $"The note cannot be read any more: {episode.Error}");
                Outbox.Enqueue(db, episode.Id, OutboxKind.UpdateCard, now);
            }
            return;
        }
        if (wasBroken)
        {
            events.Add(new SweepEvent(SweepEventKind.Repaired, observation.Path, episode?.Id, note.FrontMatter.Title, "readable again"));
        }

        if (!note.FrontMatter.IsDraft)
        {
            if (episode is not null)
            {
                PublishedOutside(episode, observation, moved);
            }
            else
            {
                scanned.EpisodeId = null;
            }
            return;
        }

        if (episode is null)
        {
            episode = Discover(observation);
        }
        else
        {
            Update(episode, observation, moved);
        }
        scanned.EpisodeId = episode.Id;
    }

    public async Task MissingAsync(string path, CancellationToken cancellationToken)
    {
        var scanned = await db.ScannedFiles.FindAsync([path], cancellationToken);
        if (scanned is null)
        {
            return;
        }
        db.ScannedFiles.Remove(scanned);
        if (scanned.EpisodeId is not { } id || await LoadAsync(id, cancellationToken) is not { } episode)
        {
            return;
        }
        if (episode.State == EpisodeState.Gone || episode.Path != path || episode.PendingChange is not null)
        {
            return;
        }
        EpisodeReview.Refresh(episode, rules, FileCondition.Gone, published: false);
        episode.UpdatedAt = now;
        Audit(episode, "gone", $"{path} no longer exists (deleted or moved out of the content folder)");
        Outbox.Notice(db, episode.Id, now, NoticeKind.Gone, $"`{path}` is gone (deleted, or moved where the sweep cannot match it). Its history is kept.");
        Outbox.Enqueue(db, episode.Id, OutboxKind.UpdateCard, now);
        events.Add(new SweepEvent(SweepEventKind.Gone, path, episode.Id, episode.Title, "file deleted or moved away"));
    }

    private Episode Discover(Observation observation)
    {
        var note = observation.Note;
        var episode = new Episode
        {
            Id = Guid.NewGuid(),
            Path = observation.Path,
            ContentHash = note.ContentHash,
            FirstSeenAt = now,
            TextChangedAt = now,
        };
        CopyFields(episode, observation);
        db.Episodes.Add(episode);
        ReconcileClaims(episode, observation.Claims, audit: false);
        EpisodeReview.Refresh(episode, rules, FileCondition.Draft, published: false);
        Audit(episode, "discovered", $"new draft {observation.Path} ({episode.Claims.Count} claims)");
        Outbox.Enqueue(db, episode.Id, OutboxKind.PostCard, now);
        if (episode.Claims.Count > 0)
        {
            Outbox.Enqueue(db, episode.Id, OutboxKind.PostClaims, now);
        }
        events.Add(new SweepEvent(SweepEventKind.New, observation.Path, episode.Id, episode.Title, $"{episode.Claims.Count} claims"));
        return episode;
    }

    private void Update(Episode episode, Observation observation, bool moved)
    {
        var note = observation.Note;
        var wasGone = episode.State == EpisodeState.Gone;
        var wasPublished = episode.State == EpisodeState.Published;
        var wasBroken = episode.State == EpisodeState.Error;
        if (moved)
        {
            var from = observation.MovedFrom ?? episode.Path;
            Audit(episode, "moved", $"{from} -> {observation.Path}");
            events.Add(new SweepEvent(SweepEventKind.Moved, observation.Path, episode.Id, note.FrontMatter.Title, $"moved from {from}"));
            Outbox.Notice(db, episode.Id, now, NoticeKind.Returned, $"The note moved: `{from}` → `{observation.Path}`. Its review continues.");
            episode.Path = observation.Path;
        }
        else if (wasGone)
        {
            Audit(episode, "returned", $"{observation.Path} exists again");
            events.Add(new SweepEvent(SweepEventKind.Returned, observation.Path, episode.Id, note.FrontMatter.Title, "file is back"));
            Outbox.Notice(db, episode.Id, now, NoticeKind.Returned, $"`{observation.Path}` is back; the review continues.");
        }

        var before = new ReviewedText(episode.Title, episode.Summary, episode.BodyHash);
        var after = SweepService.TextOf(note);
        var impact = EditImpact.Of(before, after);
        var contentChanged = episode.ContentHash != note.ContentHash;
        var bodyChanged = episode.BodyHash != note.BodyHash;
        CopyFields(episode, observation);
        episode.ContentHash = note.ContentHash;
        episode.Error = null;
        if (impact.DismissesApprovals)
        {
            var why = string.Join(", ", impact.Reasons);
            var dismissed = episode.Votes.Where(v => v.Status == VoteStatus.Active && v.Kind == VoteKind.Approve).ToList();
            foreach (var vote in dismissed)
            {
                vote.Status = VoteStatus.Dismissed;
                vote.EndedAt = now;
                vote.EndedBy = Actor;
                vote.EndReason = why;
            }
            episode.TextChangedAt = now;
            var dismissedText = dismissed.Count == 0 ? "" : $"; {dismissed.Count} approval(s) dismissed ({string.Join(", ", dismissed.Select(v => v.VoterName ?? v.VoterId))})";
            Audit(episode, "edited", $"{why}{dismissedText}");
            Outbox.Notice(db, episode.Id, now, NoticeKind.Edited, $"The note was edited ({why}){dismissedText}. Please review the new text.",
                dismissed.Select(v => v.VoterName ?? v.VoterId).ToList());
            events.Add(new SweepEvent(SweepEventKind.Changed, observation.Path, episode.Id, episode.Title, why + dismissedText));
        }
        else if (contentChanged && !moved)
        {
            Audit(episode, "metadata-edited", "front matter changed outside title and summary; approvals kept");
            events.Add(new SweepEvent(SweepEventKind.MetadataChanged, observation.Path, episode.Id, episode.Title, "metadata only; approvals kept"));
        }
        if (bodyChanged || wasGone || wasBroken)
        {
            if (ReconcileClaims(episode, observation.Claims))
            {
                Outbox.Enqueue(db, episode.Id, OutboxKind.PostClaims, now);
            }
        }
        if (wasPublished)
        {
            episode.PublishedAt = null;
            episode.PublishedBy = null;
            Audit(episode, "unpublished-outside", "the file is a draft again (changed outside the bot)");
            events.Add(new SweepEvent(SweepEventKind.UnpublishedOutside, observation.Path, episode.Id, episode.Title, "draft again"));
        }
        if (wasBroken)
        {
            Audit(episode, "repaired", "the note is readable again");
        }
        episode.UpdatedAt = now;
        EpisodeReview.Refresh(episode, rules, FileCondition.Draft, published: false);
        Outbox.Enqueue(db, episode.Id, OutboxKind.UpdateCard, now);
    }

    private void PublishedOutside(Episode episode, Observation observation, bool moved)
    {
        var note = observation.Note;
        if (moved)
        {
            episode.Path = observation.Path;
        }
        CopyFields(episode, observation);
        episode.ContentHash = note.ContentHash;
        episode.Error = null;
        episode.UpdatedAt = now;
        if (episode.State == EpisodeState.Published || episode.PendingChange is not null)
        {
            return;
        }
        episode.State = EpisodeState.Published;
        episode.PublishedAt = now;
        episode.PublishedBy = "(outside the bot)";
        Audit(episode, "published-outside", $"{observation.Path} is no longer a draft; it was published without the review flow");
        Outbox.Notice(db, episode.Id, now, NoticeKind.Published, "The note was published outside the review (the draft flag was changed in the file).", []);
        Outbox.Enqueue(db, episode.Id, OutboxKind.UpdateCard, now);
        events.Add(new SweepEvent(SweepEventKind.PublishedOutside, observation.Path, episode.Id, episode.Title, "published without review"));
    }

    private static void CopyFields(Episode episode, Observation observation)
    {
        var fm = observation.Note.FrontMatter;
        episode.Title = fm.Title;
        episode.Summary = observation.Summary ?? fm.Summary;
        episode.SourceLink = fm.Source;
        episode.Speaker = fm.Speaker;
        episode.EpisodeDate = fm.Date;
        episode.Tags = fm.Tags.Count == 0 ? null : string.Join('\n', fm.Tags);
        episode.Warnings = observation.Warnings.Count == 0 ? null : string.Join('\n', observation.Warnings.Select(w => w.ReplaceLineEndings(" ")));
        episode.BodyHash = observation.Note.BodyHash;
        episode.TextHash = SweepService.TextOf(observation.Note).Hash();
    }

    /// <summary>Returns true when there are claims to post (new, back after being gone, or moved into the check tier).</summary>
    private bool ReconcileClaims(Episode episode, IReadOnlyList<FoundClaim> found, bool audit = true)
    {
        var changes = ClaimReconciler.Reconcile(episode.Claims.Select(c => new StoredClaim(c.Fingerprint, c.Active, c.Verdict, ClaimText.Aliases(c))).ToList(), found);
        var byFingerprint = episode.Claims.ToDictionary(c => c.Fingerprint, StringComparer.Ordinal);
        var toPost = false;
        // Numbers are never reused within an episode: an audit entry or git trailer naming claim 7 always means one claim.
        var nextNumber = episode.Claims.Select(c => c.Number).DefaultIfEmpty(0).Max() + 1;
        foreach (var (stored, claim) in changes.Kept)
        {
            var entity = byFingerprint[stored.Fingerprint];
            var wasCheck = entity.Tier == ClaimTier.Check;
            Copy(entity, claim);
            if (!entity.Active)
            {
                entity.Active = true;
                entity.GoneAt = null;
                entity.PostedAt = null;
                toPost = true;
            }
            else if (!wasCheck && entity.Tier == ClaimTier.Check && entity.PostedAt is not null)
            {
                // A claim that now must be checked gets a message of its own (it was one line of a list).
                entity.PostedAt = null;
                toPost = true;
            }
        }
        // A revived claim whose old number is in use (numbers from before they were kept stable) gets a fresh one.
        HashSet<int> inUse = [];
        foreach (var (stored, _) in changes.Kept.OrderBy(k => !k.Stored.Active))
        {
            var entity = byFingerprint[stored.Fingerprint];
            if (entity.Number < 1 || !inUse.Add(entity.Number))
            {
                entity.Number = nextNumber++;
                inUse.Add(entity.Number);
            }
        }
        foreach (var stored in changes.Retired)
        {
            var entity = byFingerprint[stored.Fingerprint];
            entity.Active = false;
            entity.GoneAt = now;
        }
        foreach (var claim in changes.Added)
        {
            var entity = new ClaimEntity
            {
                Fingerprint = claim.Fingerprint,
                Text = claim.Text,
                Kind = claim.Kind,
                FirstSeenAt = now,
                Number = nextNumber++,
            };
            Copy(entity, claim);
            episode.Claims.Add(entity);
            toPost = true;
        }
        if (audit && (changes.Retired.Count > 0 || changes.Added.Count > 0))
        {
            var added = changes.Added.Count == 0 ? "" : $" (new: {ClaimText.Numbers(episode.Claims.Where(c => c.Active && changes.Added.Any(a => a.Fingerprint == c.Fingerprint)).Select(c => c.Number))})";
            Audit(episode, "claims", $"{changes.Added.Count} new{added}, {changes.Kept.Count} kept (verdicts carried over), {changes.Retired.Count} gone");
        }
        return toPost;
    }

    private static void Copy(ClaimEntity entity, FoundClaim claim)
    {
        entity.Line = claim.Line;
        entity.Text = claim.Text;
        entity.Kind = claim.Kind;
        entity.Score = claim.Score;
        entity.Tier = claim.Tier;
        entity.Lines = ClaimText.JoinLines(claim.Lines);
        entity.Aliases = claim.Aliases is { Count: > 0 } aliases ? string.Join(' ', aliases) : null;
        entity.Before = claim.Before;
        entity.After = claim.After;
    }

    private async Task<Episode?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Episodes.Include(e => e.Votes).Include(e => e.Claims).AsSplitQuery().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    private void Audit(Episode episode, string action, string details) =>
        db.AuditLog.Add(new AuditEntry { At = now, Actor = Actor, Action = action, EpisodeId = episode.Id, ContentHash = episode.ContentHash, Details = details });
}
