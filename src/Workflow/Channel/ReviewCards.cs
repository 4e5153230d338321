using EditorialBot.Storage;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Workflow.Channel;

/// <summary>Builds review cards from the database. Claims come check tier first, each tier in document order.</summary>
public static class ReviewCards
{
    public static async Task<ReviewCard?> LoadAsync(EditorialDbContext db, Guid episodeId, ReviewRules rules, CancellationToken cancellationToken = default)
    {
        var episode = await db.Episodes.AsNoTracking()
            .Include(e => e.Votes)
            .Include(e => e.Claims)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Id == episodeId, cancellationToken);
        return episode is null ? null : From(episode, rules);
    }

    public static ReviewCard From(Episode episode, ReviewRules rules)
    {
        var decision = EpisodeReview.Decide(episode, rules);
        var claims = episode.Claims
            .Where(c => c.Active)
            .OrderBy(c => c.Tier)
            .ThenBy(c => c.Line)
            .ThenBy(c => c.Number)
            .Select(c => new ReviewClaim(c.Id, c.Number, c.Fingerprint, c.Kind, c.Line, c.Text, c.Score, c.Verdict, c.VerdictByName ?? c.VerdictBy, c.VerdictNote, c.MessageId)
            {
                Tier = c.Tier,
                Lines = ClaimText.Lines(c),
                Before = c.Before,
                After = c.After,
            })
            .ToList();
        return new ReviewCard(
            episode.Id,
            episode.Path,
            episode.Title,
            episode.SourceLink,
            episode.Speaker,
            episode.EpisodeDate,
            SplitTags(episode.Tags),
            episode.Summary,
            episode.State,
            decision.Approvals,
            decision.RequiredApprovals,
            decision.Approvers,
            decision.ChangeRequests.Select(r => new CardChangeRequest(r.VoterId, r.VoterName ?? r.VoterId, r.Reason, r.CastAt)).ToList(),
            decision.ClaimsResolved,
            decision.ClaimsTotal,
            decision.CanPublish,
            decision.Blockers,
            SplitTags(episode.Warnings),
            episode.Error,
            episode.PublishCommit,
            episode.TextChangedAt,
            episode.ReviewMessageId,
            episode.ReviewThreadId,
            claims)
        {
            OptionalTotal = decision.OptionalTotal,
            OptionalResolved = decision.OptionalResolved,
        };
    }

    /// <summary>Newline-joined lists (tags, warnings) as stored.</summary>
    public static IReadOnlyList<string> SplitTags(string? tags) =>
        string.IsNullOrEmpty(tags) ? [] : tags.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
