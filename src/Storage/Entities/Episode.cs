namespace EditorialBot.Storage;

/// <summary>
/// One episode note under review. Keyed by a GUID assigned when the sweep first sees the file, so a
/// rename, a new title or a moved file never creates a second episode.
/// </summary>
public sealed class Episode
{
    public Guid Id { get; set; }

    /// <summary>Path relative to the content root, forward slashes.</summary>
    public required string Path { get; set; }

    /// <summary>SHA-256 (hex) of the whole file as last swept.</summary>
    public required string ContentHash { get; set; }

    /// <summary>SHA-256 (hex) of the body (after the front matter) as last swept.</summary>
    public string? BodyHash { get; set; }

    /// <summary>Hash over title, summary and body: what a review is about. Votes on another text hash are outdated.</summary>
    public string? TextHash { get; set; }

    public string? Title { get; set; }
    public string? Summary { get; set; }

    /// <summary>
    /// The note's <c>source:</c> (usually the video's address), in column <c>Source</c>. Not named <c>Source</c>: EF's
    /// compiled-model generator names a local after each property and <c>source</c> collides with its own parameter.
    /// </summary>
    public string? SourceLink { get; set; }

    public string? Speaker { get; set; }
    public string? EpisodeDate { get; set; }

    /// <summary>Tags joined with newlines (display only).</summary>
    public string? Tags { get; set; }

    /// <summary>Warnings for the card, one per line: front matter readings that differ between site generators, names written several ways.</summary>
    public string? Warnings { get; set; }

    public EpisodeState State { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the current text (title, summary, body) was first seen: a review waits since then.</summary>
    public DateTimeOffset TextChangedAt { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    /// <summary>The git commit that published the file, when <c>Git:Commit</c> is on.</summary>
    public string? PublishCommit { get; set; }

    /// <summary>The front-matter <c>status</c> value before publishing, exactly as written; restored by unpublish (null when publishing inserted the line).</summary>
    public string? StatusBeforePublish { get; set; }

    /// <summary>The <c>draft</c> value before publishing, exactly as written (e.g. <c>true</c>, <c>yes</c>); restored by unpublish.</summary>
    public string? DraftBeforePublish { get; set; }

    /// <summary>Why the file cannot be read (state Error); reported once per distinct file content.</summary>
    public string? Error { get; set; }

    /// <summary>A publish or unpublish in flight: set before the file is written, cleared after the database records it.</summary>
    public PendingFileChange? PendingChange { get; set; }
    public string? PendingBy { get; set; }
    public DateTimeOffset? PendingSince { get; set; }

    /// <summary>Discord: the review card message and the thread started from it (null until posted).</summary>
    public ulong? ReviewMessageId { get; set; }
    public ulong? ReviewThreadId { get; set; }

    public List<Claim> Claims { get; set; } = [];
    public List<Vote> Votes { get; set; } = [];
}

public enum EpisodeState
{
    New,
    InReview,
    ChangesRequested,
    Stale,
    Approved,
    Published,
    Gone,
    Error,
}

public enum PendingFileChange
{
    Publish,
    Unpublish,
}
