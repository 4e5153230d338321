using System.Diagnostics;
using System.Text;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Content;
using EditorialBot.Workflow.Git;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EditorialBot.Workflow.Sweep;

/// <summary>
/// Finds new, changed, deleted and moved drafts and brings the database (and through the outbox, the
/// review channel) up to date. Two phases: a read-only walk that stats every file and reads only
/// those whose size or modification time changed; then short write transactions that apply what
/// changed, so votes arriving meanwhile wait at most one batch.
/// </summary>
internal sealed class SweepService(
    IDbContextFactory<EditorialDbContext> dbs,
    IOptions<ClaimsOptions> claims,
    RuntimeSettings settings,
    IOptions<ContentOptions> content,
    IOptions<OutboxOptions> outbox,
    ReviewService reviews,
    GitSync git,
    TimeProvider time,
    ILogger<SweepService> log)
{
    private const int BatchSize = 200;
    /// <summary>The database lock that keeps sweeps of different processes (and machines) apart.</summary>
    public const string LockName = "editorialbot:sweep";
    private readonly SemaphoreSlim _oneSweep = new(1, 1);
    // Built on first use, so that constructing the service never reads options before the host validated them.
    private readonly Lazy<IClaimExtractor> _extractor = new(() => ClaimExtractors.Create(claims.Value));

    /// <summary>Runs one sweep; a second caller, in this process or another on the same database, waits for the running one to finish first (never two at once).</summary>
    public async Task<SweepResult> SweepAsync(string trigger, CancellationToken cancellationToken = default)
    {
        await _oneSweep.WaitAsync(cancellationToken);
        var startedAt = time.GetUtcNow();
        try
        {
            await using var lockDb = await dbs.CreateDbContextAsync(cancellationToken);
            await using var acrossProcesses = await DatabaseLock.AcquireAsync(lockDb, LockName, cancellationToken);
            startedAt = time.GetUtcNow();
            // Pull first (Git:Sync): a problem there is reported by the sync and the sweep runs on the local copy.
            var sync = await git.BeforeSweepAsync(cancellationToken);
            return await RunAsync(trigger, cancellationToken) with { Sync = sync };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordFailureAsync(trigger, startedAt, ex);
            throw;
        }
        finally
        {
            _oneSweep.Release();
        }
    }

    /// <summary>
    /// Brings one file's record up to date (e.g. before the command line publishes it), as a sweep would; no move
    /// detection, no sweep run recorded. Returns what changed.
    /// </summary>
    public async Task<IReadOnlyList<SweepEvent>> SweepFileAsync(string relativePath, CancellationToken cancellationToken = default)
    {
        await _oneSweep.WaitAsync(cancellationToken);
        try
        {
            var full = Path.GetFullPath(Path.Combine(content.Value.FullRoot, relativePath));
            var info = new FileInfo(full);
            Dictionary<string, KnownFile> known;
            await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
            {
                known = await db.ScannedFiles.AsNoTracking().Where(f => f.Path == relativePath)
                    .Select(f => new KnownFile(f.Path, f.Size, f.ModifiedTicks, f.ContentHash, f.Draft, f.EpisodeId))
                    .ToDictionaryAsync(f => f.Path, StringComparer.Ordinal, cancellationToken);
            }
            List<SweepEvent> events = [];
            var rules = await RulesAsync(cancellationToken);
            if (!info.Exists)
            {
                if (known.TryGetValue(relativePath, out var gone))
                {
                    await WriteBatchAsync([], [gone], rules, events, cancellationToken);
                }
                return events;
            }
            var (observations, _, _) = await ObserveAsync([new ContentFile(relativePath, full, info.Length, info.LastWriteTimeUtc)], known, cancellationToken);
            if (observations.Count > 0)
            {
                await WriteBatchAsync(observations, [], rules, events, cancellationToken);
            }
            return events;
        }
        finally
        {
            _oneSweep.Release();
        }
    }

    private async Task<SweepResult> RunAsync(string trigger, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var startedAt = time.GetUtcNow();
        var files = ContentTree.Enumerate(content.Value.FullRoot, content.Value.NoteExtensions);

        Dictionary<string, KnownFile> known;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            known = await db.ScannedFiles.AsNoTracking()
                .Select(f => new KnownFile(f.Path, f.Size, f.ModifiedTicks, f.ContentHash, f.Draft, f.EpisodeId))
                .ToDictionaryAsync(f => f.Path, StringComparer.Ordinal, cancellationToken);
        }

        var walked = clock.Elapsed;
        var present = new HashSet<string>(files.Select(f => f.RelativePath), StringComparer.Ordinal);
        var missing = known.Values.Where(k => !present.Contains(k.Path)).ToList();
        var rules = await RulesAsync(cancellationToken);
        var moves = new MoveMatcher(dbs, known, missing);
        HashSet<string> movedAway = new(StringComparer.Ordinal);
        List<SweepEvent> events = [];
        var unchanged = 0;
        var drafts = 0;
        var reading = TimeSpan.Zero;
        var writing = TimeSpan.Zero;
        // Read and write in chunks: memory stays bounded on a cold sweep, and reviewers' votes get the
        // database between two chunks.
        foreach (var chunk in files.Chunk(BatchSize))
        {
            var readStart = clock.Elapsed;
            var (observations, chunkUnchanged, chunkDrafts) = await ObserveAsync(chunk, known, cancellationToken);
            unchanged += chunkUnchanged;
            drafts += chunkDrafts;
            if (observations.Count > 0)
            {
                await moves.MatchAsync(observations, cancellationToken);
                movedAway.UnionWith(observations.Where(o => o.MovedFrom is not null).Select(o => o.MovedFrom!));
            }
            var writeStart = clock.Elapsed;
            reading += writeStart - readStart;
            if (observations.Count > 0)
            {
                await WriteBatchAsync(observations, [], rules, events, cancellationToken);
            }
            writing += clock.Elapsed - writeStart;
        }
        var missingStart = clock.Elapsed;
        foreach (var batch in missing.Where(m => !movedAway.Contains(m.Path)).Chunk(BatchSize))
        {
            await WriteBatchAsync([], batch, rules, events, cancellationToken);
        }
        writing += clock.Elapsed - missingStart;

        // A publish rolled back by crash recovery (or refused by a transient error) is retried here, through the one
        // publish path, rather than waiting for the next review action on that episode.
        foreach (var retried in await reviews.PublishReadyAsync(cancellationToken))
        {
            log.LogInformation("Sweep ({Trigger}) published a passed review left unpublished: {Message}", trigger, retried.Message);
        }

        var applied = clock.Elapsed;
        IReadOnlyList<StaleReview> stale;
        long runId;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            stale = await StaleReviewsAsync(db, rules, time.GetUtcNow(), cancellationToken);
            var run = new SweepRun
            {
                Trigger = trigger,
                StartedAt = startedAt,
                FinishedAt = time.GetUtcNow(),
                DurationMs = clock.ElapsedMilliseconds,
                Files = files.Count,
                Drafts = drafts,
                New = events.Count(e => e.Kind == SweepEventKind.New),
                Changed = events.Count(e => e.Kind is SweepEventKind.Changed or SweepEventKind.MetadataChanged),
                Moved = events.Count(e => e.Kind == SweepEventKind.Moved),
                Gone = events.Count(e => e.Kind == SweepEventKind.Gone),
                Published = events.Count(e => e.Kind == SweepEventKind.PublishedOutside),
                Errors = events.Count(e => e.Kind == SweepEventKind.Broken),
                Broken = await db.ScannedFiles.CountAsync(f => f.Error != null, cancellationToken),
                Unchanged = unchanged,
            };
            db.SweepRuns.Add(run);
            await db.WriteAsync(() => Task.CompletedTask, cancellationToken);
            await PruneOutboxAsync(db, cancellationToken);
            runId = run.Id;
        }
        log.LogInformation("Sweep {RunId} ({Trigger}): {Files} files, {Drafts} drafts, {Events} changes, {Unchanged} unchanged in {Ms} ms",
            runId, trigger, files.Count, drafts, events.Count, unchanged, clock.ElapsedMilliseconds);
        return new SweepResult(runId, content.Value.FullRoot, clock.Elapsed, files.Count, drafts, unchanged, events, stale)
        {
            Phases = new SweepPhases(walked, reading, writing, clock.Elapsed - applied),
        };
    }

    /// <summary>Delivered review-channel work older than <c>Outbox:RetentionDays</c> is history nobody reads: delete it.</summary>
    private async Task PruneOutboxAsync(EditorialDbContext db, CancellationToken cancellationToken)
    {
        var days = outbox.Value.RetentionDays;
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(days);
        var pruned = await db.Outbox.Where(m => m.DeliveredAt != null && m.DeliveredAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (pruned > 0)
        {
            log.LogInformation("Pruned {Count} delivered outbox rows older than {Days} days", pruned, days);
        }
    }

    /// <summary>A failed sweep is recorded too, so the catch-up logic and admins see it (its changes up to the failure are kept).</summary>
    private async Task RecordFailureAsync(string trigger, DateTimeOffset startedAt, Exception failure)
    {
        if (failure is IOException or UnauthorizedAccessException)
        {
            // The content folder is missing or unreadable: the message says which, a stack trace would only bury it.
            log.LogError("Sweep ({Trigger}) failed: {Reason}", trigger, failure.Message);
        }
        else
        {
            log.LogError(failure, "Sweep ({Trigger}) failed", trigger);
        }
        try
        {
            await using var db = await dbs.CreateDbContextAsync();
            db.SweepRuns.Add(new SweepRun
            {
                Trigger = trigger,
                StartedAt = startedAt,
                FinishedAt = time.GetUtcNow(),
                DurationMs = (long)(time.GetUtcNow() - startedAt).TotalMilliseconds,
                Failure = $"{failure.GetType().Name}: {failure.Message}",
            });
            await db.WriteAsync(() => Task.CompletedTask);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Could not record the failed sweep");
        }
    }

    private async Task<ReviewRules> RulesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await settings.RulesAsync(db, cancellationToken);
    }

    private async Task<(List<Observation> Observations, int Unchanged, int Drafts)> ObserveAsync(
        IReadOnlyList<ContentFile> files, Dictionary<string, KnownFile> known, CancellationToken cancellationToken)
    {
        List<Observation> observations = [];
        var unchanged = 0;
        var drafts = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            known.TryGetValue(file.RelativePath, out var before);
            if (before is not null && before.Size == file.Length && before.ModifiedTicks == file.LastWriteTimeUtc.Ticks)
            {
                unchanged++;
                drafts += before.Draft ? 1 : 0;
                continue;
            }
            NoteFile note;
            byte[]? bytes;
            try
            {
                (note, bytes) = file.Problem is { } problem
                    ? (NoteFile.Unreadable(file.FullPath, problem, file.Length, file.LastWriteTimeUtc), null)
                    : NoteFile.ReadCapped(file.FullPath, content.Value.DraftDialect, content.Value.MaxNoteBytes);
            }
            catch (IOException ex)
            {
                // Deleted or locked between the walk and the read (the next sweep sees it again), or a FIFO.
                log.LogWarning("{Path}: could not read ({Error}); skipped this sweep", file.RelativePath, ex.Message);
                continue;
            }
            catch (UnauthorizedAccessException ex)
            {
                log.LogWarning("{Path}: could not read ({Error}); skipped this sweep", file.RelativePath, ex.Message);
                continue;
            }
            var (length, modified) = (note.Length, note.LastWriteTimeUtc);
            var stat = new FileStat(length, modified.Ticks);
            if (before is not null && before.ContentHash == note.ContentHash)
            {
                observations.Add(new Observation(ObservationKind.Touched, file.RelativePath, stat, note, []));
                unchanged++;
                drafts += before.Draft ? 1 : 0;
                continue;
            }
            IReadOnlyList<FoundClaim> claims = [];
            IReadOnlyList<string> warnings = [];
            string? summary = null;
            if (note.FrontMatter.IsDraft && bytes is null)
            {
                drafts++;
                warnings = [$"the note is {note.Length:N0} bytes, over Content:MaxNoteBytes ({content.Value.MaxNoteBytes:N0}): no claims or summary were read from it"];
            }
            else if (note.FrontMatter.IsDraft)
            {
                drafts++;
                var markdown = Encoding.UTF8.GetString(bytes!);
                (claims, warnings) = await ExtractAsync(file.RelativePath, markdown, cancellationToken);
                // The card's summary: the front matter's, or else the note's opening sentences, marked as generated.
                summary = NoteSummary.Create(note.FrontMatter.Summary, markdown).Stored;
            }
            observations.Add(new Observation(ObservationKind.Read, file.RelativePath, stat, note, claims)
            {
                Warnings = [.. note.FrontMatter.Warnings, .. warnings],
                Summary = summary,
            });
        }
        return (observations, unchanged, drafts);
    }

    private async Task<(IReadOnlyList<FoundClaim> Claims, IReadOnlyList<string> Warnings)> ExtractAsync(string path, string markdown, CancellationToken cancellationToken)
    {
        try
        {
            var extraction = await _extractor.Value.ExtractAsync(markdown, cancellationToken);
            return (extraction.Claims.Select(c => new FoundClaim(c.Id, c.Text, c.Kind, c.Line, c.Score,
                    c.Tier == ClaimTiers.Optional ? ClaimTier.Optional : ClaimTier.Check, c.Lines, c.Aliases, c.Before, c.After)).ToList(),
                extraction.Warnings.Select(w => w.Message).ToList());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A claim-finder failure must not stop the sweep; the review goes on without claims until the next edit.
            log.LogError(ex, "{Path}: claim extraction failed", path);
            return ([], [$"claims could not be extracted: {ex.Message}"]);
        }
    }

    private async Task WriteBatchAsync(IReadOnlyList<Observation> observations, IReadOnlyList<KnownFile> missing, ReviewRules rules, List<SweepEvent> events, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        // Thousands of new claims per batch: detect changes once before saving, not on every lookup.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        List<SweepEvent> batchEvents = [];
        await db.WriteAsync(async () =>
        {
            var now = time.GetUtcNow();
            var apply = new SweepApplier(db, rules, now, batchEvents);
            foreach (var observation in observations)
            {
                await apply.ObservedAsync(observation, cancellationToken);
            }
            foreach (var file in missing)
            {
                await apply.MissingAsync(file.Path, cancellationToken);
            }
            db.ChangeTracker.DetectChanges();
        }, cancellationToken);
        // Only after the commit: a failed batch reports nothing it did not do.
        events.AddRange(batchEvents);
    }

    internal static ReviewedText TextOf(NoteFile note) => new(note.FrontMatter.Title, note.FrontMatter.Summary, note.BodyHash);

    private static async Task<IReadOnlyList<StaleReview>> StaleReviewsAsync(EditorialDbContext db, ReviewRules rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.Episodes.AsNoTracking()
            .Where(e => e.State == EpisodeState.New || e.State == EpisodeState.InReview || e.State == EpisodeState.ChangesRequested
                || e.State == EpisodeState.Stale || e.State == EpisodeState.Approved)
            .OrderBy(e => e.TextChangedAt)
            .Select(e => new { e.Id, e.Path, e.Title, e.State, e.TextChangedAt })
            .ToListAsync(cancellationToken);
        return open
            .Where(e => e.State == EpisodeState.Stale || ReviewPolicy.IsWaitingTooLong(e.State, e.TextChangedAt, now, rules))
            .Select(e => new StaleReview(e.Id, e.Path, e.Title, e.State, Math.Round((now - e.TextChangedAt).TotalHours, 1),
                e.State == EpisodeState.Stale ? "edited after approval; needs a new review" : $"waiting more than {rules.RemindAfterHours} h"))
            .ToList();
    }
}

internal sealed record KnownFile(string Path, long Size, long ModifiedTicks, string ContentHash, bool Draft, Guid? EpisodeId);

internal sealed record FileStat(long Size, long ModifiedTicks);

internal enum ObservationKind
{
    /// <summary>Same bytes as last time, only the modification time moved.</summary>
    Touched,
    /// <summary>New or different bytes.</summary>
    Read,
}

internal sealed record Observation(ObservationKind Kind, string Path, FileStat Stat, NoteFile Note, IReadOnlyList<FoundClaim> Claims)
{
    /// <summary>Front matter warnings (generators disagree) and name-consistency warnings, for the card.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What the card shows as the summary (null when not read as a draft).</summary>
    public string? Summary { get; init; }

    public Guid? MoveOf { get; set; }
    public string? MovedFrom { get; set; }
}
