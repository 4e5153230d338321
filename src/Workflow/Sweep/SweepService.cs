using System.Diagnostics;
using System.Text;
using EditorialBot.Storage;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Content;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EditorialBot.Workflow.Sweep;

/// <summary>
/// Finds new, changed, deleted and moved drafts and brings the database (and through the outbox, the
/// review channel) up to date. Two phases: a read-only walk that stats every file and reads only
/// those whose size or modification time changed; then short write transactions that apply what
/// changed, so votes arriving meanwhile wait at most one batch.
/// </summary>
internal sealed class SweepService(
    IDbContextFactory<EditorialDbContext> dbs,
    IClaimExtractor extractor,
    RuntimeSettings settings,
    SweepOptions options,
    TimeProvider time,
    ILogger<SweepService> log)
{
    private const int BatchSize = 200;
    /// <summary>The database lock that keeps sweeps of different processes (and machines) apart.</summary>
    public const string LockName = "editorialbot:sweep";
    private readonly SemaphoreSlim _oneSweep = new(1, 1);

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
            return await RunAsync(trigger, cancellationToken);
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

    private async Task<SweepResult> RunAsync(string trigger, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var startedAt = time.GetUtcNow();
        var files = ContentTree.Enumerate(options.ContentRoot);

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
            runId = run.Id;
        }
        log.LogInformation("Sweep {RunId} ({Trigger}): {Files} files, {Drafts} drafts, {Events} changes, {Unchanged} unchanged in {Ms} ms",
            runId, trigger, files.Count, drafts, events.Count, unchanged, clock.ElapsedMilliseconds);
        return new SweepResult(runId, options.ContentRoot, clock.Elapsed, files.Count, drafts, unchanged, events, stale)
        {
            Phases = new SweepPhases(walked, reading, writing, clock.Elapsed - applied),
        };
    }

    /// <summary>A failed sweep is recorded too, so the catch-up logic and admins see it (its changes up to the failure are kept).</summary>
    private async Task RecordFailureAsync(string trigger, DateTimeOffset startedAt, Exception failure)
    {
        log.LogError(failure, "Sweep ({Trigger}) failed", trigger);
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
            byte[] bytes;
            long length;
            DateTime modified;
            try
            {
                (bytes, length, modified) = NoteFile.ReadAll(file.FullPath);
            }
            catch (IOException ex)
            {
                // Deleted or locked between the walk and the read: the next sweep sees it again.
                log.LogWarning("{Path}: could not read ({Error}); skipped this sweep", file.RelativePath, ex.Message);
                continue;
            }
            catch (UnauthorizedAccessException ex)
            {
                log.LogWarning("{Path}: could not read ({Error}); skipped this sweep", file.RelativePath, ex.Message);
                continue;
            }
            var note = NoteFile.FromBytes(file.FullPath, bytes, length, modified, options.Dialect);
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
            if (note.FrontMatter.IsDraft)
            {
                drafts++;
                var markdown = Encoding.UTF8.GetString(bytes);
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
            var extraction = await extractor.ExtractAsync(markdown, cancellationToken);
            return (extraction.Claims.Select(c => new FoundClaim(c.Id, c.Text, c.Kind, c.Line, c.Score)).ToList(),
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
