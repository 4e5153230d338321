using EditorialBot.Storage;

namespace EditorialBot.Workflow.Review;

/// <summary>Everything the policy needs to know about one episode, gathered by the orchestrator.</summary>
public sealed record ReviewFacts(
    FileCondition File,
    bool Published,
    IReadOnlyList<VoteFact> Votes,
    IReadOnlyList<ClaimFact> Claims);

/// <summary>One active claim as the policy sees it: its verdict and whether it must be checked.</summary>
public readonly record struct ClaimFact(ClaimVerdict Verdict, ClaimTier Tier = ClaimTier.Check)
{
    public static implicit operator ClaimFact(ClaimVerdict verdict) => new(verdict);
}

public enum FileCondition
{
    Draft,
    Gone,
    Broken,
}

/// <summary>
/// One vote as the policy sees it. <paramref name="OnCurrentText"/>: cast against the text as it is
/// now (title, summary and body unchanged since).
/// </summary>
public sealed record VoteFact(
    string VoterId,
    string? VoterName,
    VoteKind Kind,
    VoteStatus Status,
    bool OnCurrentText,
    DateTimeOffset CastAt,
    DateTimeOffset? EndedAt = null,
    string? Reason = null,
    string? EndReason = null);

/// <summary>Who is acting, as resolved by the caller from its own role data (e.g. Discord role ids).</summary>
public sealed record Reviewer(string Id, string? Name, bool IsEditor, bool IsAdmin)
{
    public bool MayReview => IsEditor || IsAdmin;
    public string Display => string.IsNullOrWhiteSpace(Name) ? Id : Name;

    /// <summary>Chat identity is not the repository identity: the audit keeps both the name and the id.</summary>
    public string AuditActor => Name is { Length: > 0 } name && name != Id ? $"{name} ({Id})" : Id;

    /// <summary>The operator at the command line or a scheduled job: an admin by definition.</summary>
    public static Reviewer System(string name) => new(name, name, IsEditor: true, IsAdmin: true);
}
