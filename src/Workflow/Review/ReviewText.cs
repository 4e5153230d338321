using EditorialBot.Storage;

namespace EditorialBot.Workflow.Review;

/// <summary>The words every view of a review uses for its states, votes and verdicts (card, queue, status, audit).</summary>
internal static class ReviewText
{
    public static string Describe(VoteKind kind) => kind == VoteKind.Approve ? "approval" : "request for changes";

    public static string Describe(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Verified => "verified",
        ClaimVerdict.False => "false",
        ClaimVerdict.NeedsSource => "needs source",
        ClaimVerdict.NotAClaim => "not a claim",
        _ => "unverified",
    };

    public static string State(EpisodeState state) => state switch
    {
        EpisodeState.New => "new",
        EpisodeState.InReview => "in review",
        EpisodeState.ChangesRequested => "changes requested",
        EpisodeState.Stale => "stale",
        EpisodeState.Approved => "approved",
        EpisodeState.Published => "published",
        EpisodeState.Gone => "gone",
        _ => "error",
    };
}
