using EditorialBot.Storage;

namespace EditorialBot.Workflow.Review;

/// <summary>The answer to a review operation, phrased for the person who asked.</summary>
internal sealed record ReviewOutcome(OutcomeStatus Status, string Message, Guid? EpisodeId = null, EpisodeState? State = null, ReviewDecision? Decision = null, PublishRecord? Published = null, bool Withdrawn = false)
{
    public bool Ok => Status is OutcomeStatus.Done or OutcomeStatus.NoChange;

    public static ReviewOutcome NotFound(string what) => new(OutcomeStatus.NotFound, $"no episode matches '{what}'");
    public static ReviewOutcome Refused(string why, Guid? id = null, ReviewDecision? decision = null) => new(OutcomeStatus.Refused, why, id, decision?.State, decision);
}

internal enum OutcomeStatus
{
    Done,
    /// <summary>Nothing to do (e.g. the same vote again); not an error.</summary>
    NoChange,
    /// <summary>Not allowed or not safe; nothing changed.</summary>
    Refused,
    NotFound,
    /// <summary>Something broke (I/O, git); what was done is recorded.</summary>
    Failed,
}

/// <summary>What a publish did: the new file hash and the commit, if any.</summary>
internal sealed record PublishRecord(string Path, string ContentHash, string? Commit, IReadOnlyList<string> Approvers, EpisodeState State = EpisodeState.Published);
