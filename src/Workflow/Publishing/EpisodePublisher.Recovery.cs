using EditorialBot.Storage;
using EditorialBot.Workflow.Content;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EditorialBot.Workflow.Publishing;

/// <summary>Start-up recovery of publishes and unpublishes a crash interrupted.</summary>
internal sealed partial class EpisodePublisher
{
    /// <summary>
    /// Finishes or rolls back publishes/unpublishes a crash interrupted: the file still has the
    /// recorded bytes → never written, roll back; the file has the flipped draft flag → written,
    /// record it; anything else → someone edited it meanwhile: drop the intent and let the next sweep read it.
    /// </summary>
    public async Task<IReadOnlyList<string>> RecoverAsync(CancellationToken cancellationToken = default)
    {
        List<string> report = [];
        if (Directory.Exists(Content.FullRoot))
        {
            foreach (var temp in Publisher.DeleteStaleTempFiles(Content.FullRoot))
            {
                report.Add($"removed a temp file left by an interrupted write: {temp}");
            }
        }
        List<Guid> pending;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            pending = await db.Episodes.Where(e => e.PendingChange != null).Select(e => e.Id).ToListAsync(cancellationToken);
        }
        foreach (var id in pending)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var episode = await LoadAsync(db, id, cancellationToken);
            if (episode?.PendingChange is not { } change)
            {
                continue;
            }
            var path = FullPath(episode);
            NoteFile? note = File.Exists(path) ? NoteFile.Read(path, Content.DraftDialect) : null;
            var wantDraft = change == PendingFileChange.Unpublish;
            if (note is not null && note.ContentHash == episode.ContentHash)
            {
                await AbandonAsync(id, Reviewer.System("recovery"), "interrupted before the file was written; rolled back", cancellationToken);
                report.Add($"{episode.Path}: {change.ToString().ToLowerInvariant()} interrupted before the file was written; rolled back");
            }
            else if (note is not null && note.FrontMatter.Error is null && note.FrontMatter.IsDraft == wantDraft && note.BodyHash == episode.BodyHash)
            {
                string? commit = null;
                string? error = null;
                if (change == PendingFileChange.Publish)
                {
                    (commit, error, var withdrawn) = await CommitAsync(episode, path, ApproversOf(episode), null, cancellationToken);
                    if (withdrawn is not null)
                    {
                        await WithdrawAsync(id, Reviewer.System("recovery"), withdrawn, cancellationToken);
                        report.Add($"{episode.Path}: publish interrupted after the file was written; withdrawn: {withdrawn}");
                        continue;
                    }
                }
                await CompleteAsync(id, change, note.ContentHash, commit, error, cancellationToken, recovered: true);
                report.Add($"{episode.Path}: {change.ToString().ToLowerInvariant()} interrupted after the file was written; completed");
            }
            else
            {
                await AbandonAsync(id, Reviewer.System("recovery"), "interrupted, and the file changed in another way meanwhile; the next sweep reads it", cancellationToken, forgetStat: true);
                report.Add($"{episode.Path}: {change.ToString().ToLowerInvariant()} interrupted and the file was changed elsewhere; left for the next sweep");
            }
        }
        foreach (var line in report)
        {
            log.LogWarning("Recovery: {Line}", line);
        }
        return report;
    }
}
