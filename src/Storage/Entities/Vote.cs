namespace EditorialBot.Storage;

/// <summary>An editor's approval or request for changes, against the content hash it was given for.</summary>
public sealed class Vote
{
    public long Id { get; set; }
    public Guid EpisodeId { get; set; }
    public Episode? Episode { get; set; }

    public VoteKind Kind { get; set; }
    public required string VoterId { get; set; }
    public string? VoterName { get; set; }
    public string? Reason { get; set; }
    public required string ContentHash { get; set; }
    /// <summary>The episode's text hash (title, summary, body) when the vote was cast.</summary>
    public string? TextHash { get; set; }
    public DateTimeOffset CastAt { get; set; }

    public VoteStatus Status { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }
    public string? EndReason { get; set; }
}

public enum VoteKind
{
    Approve,
    RequestChanges,
}

public enum VoteStatus
{
    Active,
    /// <summary>Withdrawn by the voter.</summary>
    Retracted,
    /// <summary>Dismissed because the text changed after the vote.</summary>
    Dismissed,
    /// <summary>A request for changes cleared by its author or an admin.</summary>
    Cleared,
    /// <summary>Replaced by a later vote of the same person.</summary>
    Superseded,
}
