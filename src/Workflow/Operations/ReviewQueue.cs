using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Workflow.Operations;

/// <summary>The review queue as <c>status</c>, <c>/queue</c> and the digest show it.</summary>
internal static class ReviewQueue
{
    /// <summary>Every tracked episode (open ones first, oldest first), with its counts.</summary>
    public static async Task<IReadOnlyList<QueueItem>> LoadAsync(EditorialDbContext db, ReviewRules rules, DateTimeOffset now, bool openOnly = false, CancellationToken cancellationToken = default)
    {
        var query = db.Episodes.AsNoTracking().Include(e => e.Votes).Include(e => e.Claims).AsSplitQuery();
        var episodes = openOnly
            ? await query.Where(e => e.State != EpisodeState.Published && e.State != EpisodeState.Gone && e.State != EpisodeState.Error).ToListAsync(cancellationToken)
            : await query.ToListAsync(cancellationToken);
        return episodes
            .Select(e => (Episode: e, Decision: EpisodeReview.Decide(e, rules)))
            .OrderBy(x => IsOpen(x.Episode.State) ? 0 : 1)
            .ThenBy(x => x.Episode.TextChangedAt)
            .ThenBy(x => x.Episode.Path, StringComparer.Ordinal)
            .Select(x => new QueueItem(
                x.Episode.Id,
                x.Episode.Path,
                x.Episode.Title,
                x.Episode.State,
                x.Decision.Approvals,
                x.Decision.RequiredApprovals,
                x.Decision.ClaimsResolved,
                x.Decision.ClaimsTotal,
                Math.Round((now - x.Episode.TextChangedAt).TotalHours, 1),
                x.Episode.FirstSeenAt,
                x.Decision.CanPublish,
                x.Decision.Blockers,
                x.Episode.Error)
            {
                OptionalResolved = x.Decision.OptionalResolved,
                OptionalTotal = x.Decision.OptionalTotal,
            })
            .ToList();
    }

    /// <summary>The digest of open reviews waiting longer than <see cref="ReviewRules.RemindAfterHours"/>; null when none.</summary>
    public static async Task<ReviewDigest?> DigestAsync(EditorialDbContext db, ReviewRules rules, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var open = await LoadAsync(db, rules, now, openOnly: true, cancellationToken);
        var waiting = open.Where(i => ReviewPolicy.IsWaitingTooLong(i.State, now.AddHours(-i.WaitingHours), now, rules)).ToList();
        return waiting.Count == 0
            ? null
            : new ReviewDigest(now, rules.RemindAfterHours, waiting.Select(i => new DigestItem(
                i.EpisodeId, i.Title ?? i.Path, i.Path, i.State, i.WaitingHours, i.Approvals, i.RequiredApprovals, i.ClaimsResolved, i.ClaimsTotal, i.Blockers)).ToList());
    }

    /// <summary>Finds an episode by id (or its first 8+ characters), path, or exact title; ambiguous matches are refused.</summary>
    public static async Task<(Guid? Id, string? Problem)> ResolveAsync(EditorialDbContext db, string reference, CancellationToken cancellationToken = default)
    {
        var text = reference.Trim();
        if (Guid.TryParse(text, out var id))
        {
            return await db.Episodes.AnyAsync(e => e.Id == id, cancellationToken) ? (id, null) : (null, $"no episode with id {id}");
        }
        var all = await db.Episodes.AsNoTracking().Select(e => new { e.Id, e.Path, e.Title }).ToListAsync(cancellationToken);
        var matches = all.Where(e => e.Path == text || e.Title == text).ToList();
        if (matches.Count == 0 && text.Length >= 8)
        {
            matches = all.Where(e => e.Id.ToString().StartsWith(text, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        return matches.Count switch
        {
            1 => (matches[0].Id, null),
            0 => (null, $"no episode matches '{text}' (use the id, the path relative to the content folder, or the exact title)"),
            _ => (null, $"'{text}' matches {matches.Count} episodes; use the id"),
        };
    }

    /// <summary>Open episodes whose title or path contains <paramref name="text"/> (autocomplete), oldest first.</summary>
    public static async Task<IReadOnlyList<(Guid Id, string Title, string Path)>> SearchAsync(EditorialDbContext db, string text, int limit = 25, CancellationToken cancellationToken = default)
    {
        var open = await db.Episodes.AsNoTracking()
            .Where(e => e.State != EpisodeState.Published && e.State != EpisodeState.Gone && e.State != EpisodeState.Error)
            .OrderBy(e => e.TextChangedAt)
            .Select(e => new { e.Id, e.Title, e.Path })
            .ToListAsync(cancellationToken);
        var needle = text.Trim();
        return open
            .Where(e => needle.Length == 0 || (e.Title ?? "").Contains(needle, StringComparison.OrdinalIgnoreCase) || e.Path.Contains(needle, StringComparison.OrdinalIgnoreCase))
            .Take(limit)
            .Select(e => (e.Id, e.Title ?? e.Path, e.Path))
            .ToList();
    }

    /// <summary>The audit trail of one episode, oldest first.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> HistoryAsync(EditorialDbContext db, Guid episodeId, CancellationToken cancellationToken = default) =>
        await db.AuditLog.AsNoTracking().Where(a => a.EpisodeId == episodeId).OrderBy(a => a.Id).ToListAsync(cancellationToken);

    public static bool IsOpen(EpisodeState state) => state is EpisodeState.New or EpisodeState.InReview or EpisodeState.ChangesRequested or EpisodeState.Stale or EpisodeState.Approved;
}

/// <summary>One line of the queue.</summary>
internal sealed record QueueItem(
    Guid EpisodeId,
    string Path,
    string? Title,
    EpisodeState State,
    int Approvals,
    int RequiredApprovals,
    int ClaimsResolved,
    int ClaimsTotal,
    double WaitingHours,
    DateTimeOffset FirstSeenAt,
    bool CanPublish,
    IReadOnlyList<string> Blockers,
    string? Error)
{
    // ClaimsResolved / ClaimsTotal count the check tier, which the gate waits for.
    public int OptionalResolved { get; init; }

    public int OptionalTotal { get; init; }
}
