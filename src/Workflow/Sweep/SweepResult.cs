using EditorialBot.Storage;

namespace EditorialBot.Workflow.Sweep;

/// <summary>What a sweep found and did, for the command line, the log and the admin's <c>/sweep</c>.</summary>
internal sealed record SweepResult(
    long RunId,
    string ContentRoot,
    TimeSpan Duration,
    int Files,
    int Drafts,
    int Unchanged,
    IReadOnlyList<SweepEvent> Events,
    IReadOnlyList<StaleReview> StaleReviews)
{
    public int Count(SweepEventKind kind) => Events.Count(e => e.Kind == kind);

    public SweepPhases? Phases { get; init; }

    /// <summary>What the pull before the sweep did (<c>Git:Sync</c>).</summary>
    public Git.GitSyncResult? Sync { get; init; }
}

/// <summary>Where a sweep's time went: the directory walk (with loading what is known), reading changed files and extracting claims, writing, reporting.</summary>
internal sealed record SweepPhases(TimeSpan Walk, TimeSpan Read, TimeSpan Write, TimeSpan Report);

internal enum SweepEventKind
{
    New,
    Changed,
    MetadataChanged,
    Moved,
    Gone,
    Returned,
    PublishedOutside,
    UnpublishedOutside,
    Broken,
    Repaired,
}

/// <summary>One thing the sweep noticed, with the file (and line for errors) it is about.</summary>
internal sealed record SweepEvent(SweepEventKind Kind, string Path, Guid? EpisodeId, string? Title, string Detail);

/// <summary>A review waiting on the current text: edited after approval, or open longer than the reminder threshold.</summary>
internal sealed record StaleReview(Guid EpisodeId, string Path, string? Title, EpisodeState State, double WaitingHours, string Why);
