using EditorialBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Workflow.Sweep;

/// <summary>
/// A new draft whose bytes (or, failing that, whose title, summary and body) match a missing or gone
/// episode is that episode, moved: it keeps its id and history instead of becoming a duplicate.
/// </summary>
internal sealed class MoveMatcher(IDbContextFactory<EditorialDbContext> dbs, Dictionary<string, KnownFile> known, List<KnownFile> missing)
{
    private readonly HashSet<Guid> _taken = [];
    private readonly Dictionary<Guid, string> _missingPaths = missing.Where(m => m.EpisodeId is not null).ToDictionary(m => m.EpisodeId!.Value, m => m.Path);
    private List<Candidate>? _candidates;

    public async Task MatchAsync(IReadOnlyList<Observation> observations, CancellationToken cancellationToken)
    {
        foreach (var draft in observations)
        {
            if (draft.Kind != ObservationKind.Read || draft.Note.FrontMatter is not { IsDraft: true, Error: null }
                || known.TryGetValue(draft.Path, out var before) && before.EpisodeId is not null)
            {
                continue;
            }
            _candidates ??= await LoadAsync(cancellationToken);
            var text = SweepService.TextOf(draft.Note).Hash();
            var match = _candidates.FirstOrDefault(c => !_taken.Contains(c.Id) && c.ContentHash == draft.Note.ContentHash)
                ?? _candidates.FirstOrDefault(c => !_taken.Contains(c.Id) && c.TextHash == text);
            if (match is not null)
            {
                _taken.Add(match.Id);
                draft.MoveOf = match.Id;
                draft.MovedFrom = _missingPaths.GetValueOrDefault(match.Id) ?? match.Path;
            }
        }
    }

    private async Task<List<Candidate>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var missingIds = _missingPaths.Keys.ToList();
        return await db.Episodes.AsNoTracking()
            .Where(e => e.State == EpisodeState.Gone || missingIds.Contains(e.Id))
            .Select(e => new Candidate(e.Id, e.Path, e.ContentHash, e.TextHash))
            .ToListAsync(cancellationToken);
    }

    private sealed record Candidate(Guid Id, string Path, string ContentHash, string? TextHash);
}
