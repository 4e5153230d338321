using EditorialBot.Storage;

namespace EditorialBot.Workflow.Channel;

/// <summary>
/// Everything a review card shows, read from the database when the operation is delivered (so a
/// late delivery shows the current state, never an outdated one).
/// </summary>
public sealed record ReviewCard(
    Guid EpisodeId,
    string Path,
    string? Title,
    string? Source,
    string? Speaker,
    string? Date,
    IReadOnlyList<string> Tags,
    string? Summary,
    EpisodeState State,
    int Approvals,
    int RequiredApprovals,
    IReadOnlyList<string> Approvers,
    IReadOnlyList<CardChangeRequest> ChangeRequests,
    int ClaimsResolved,
    int ClaimsTotal,
    bool CanPublish,
    IReadOnlyList<string> Blockers,
    IReadOnlyList<string> Warnings,
    string? Error,
    string? PublishCommit,
    DateTimeOffset WaitingSince,
    ulong? ReviewMessageId,
    ulong? ReviewThreadId,
    IReadOnlyList<ReviewClaim> Claims)
{
    public string DisplayTitle => string.IsNullOrWhiteSpace(Title) ? Path : Title;

    /// <summary>Optional-tier claims, and how many of them are resolved (<see cref="ClaimsResolved"/> counts the check tier).</summary>
    public int OptionalTotal { get; init; }

    public int OptionalResolved { get; init; }
}

public sealed record CardChangeRequest(string VoterId, string VoterName, string? Reason, DateTimeOffset At);

/// <summary>One active claim: its stable number, tier, where it is made, its verdict and who gave it.</summary>
public sealed record ReviewClaim(
    long Id,
    int Number,
    string Fingerprint,
    string Kind,
    int Line,
    string Text,
    double Score,
    ClaimVerdict Verdict,
    string? VerdictBy,
    string? VerdictNote,
    ulong? MessageId)
{
    public ClaimTier Tier { get; init; } = ClaimTier.Check;

    /// <summary>Every line where the claim is made (repeats merged); <see cref="Line"/> is the first.</summary>
    public IReadOnlyList<int> Lines { get; init; } = [Line];

    /// <summary>The sentences before and after it in the note, trimmed.</summary>
    public string? Before { get; init; }

    public string? After { get; init; }
}

/// <summary>A thread message; <see cref="Text"/> is ready to post, the other fields let a channel render it its own way.</summary>
public sealed record ReviewNotice(NoticeKind Kind, string Text, IReadOnlyList<string> Approvers, string? Commit = null);

public enum NoticeKind
{
    Edited,
    ChangesRequested,
    Published,
    Unpublished,
    Gone,
    Returned,
    Broken,
}

/// <summary>A message for the admins in the review channel, not about one episode.</summary>
public sealed record AdminAlert(DateTimeOffset At, string Text);

/// <summary>Reviews waiting longer than the reminder threshold, oldest first.</summary>
public sealed record ReviewDigest(DateTimeOffset At, int RemindAfterHours, IReadOnlyList<DigestItem> Items);

public sealed record DigestItem(Guid EpisodeId, string Title, string Path, EpisodeState State, double WaitingHours, int Approvals, int RequiredApprovals, int ClaimsResolved, int ClaimsTotal, IReadOnlyList<string> Blockers);
