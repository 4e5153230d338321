namespace EditorialBot.Storage;

/// <summary>
/// A check-worthy statement of an episode. Identified within the episode by the extractor's
/// fingerprint of its normalised text, so a verdict survives edits elsewhere in the note.
/// </summary>
public sealed class Claim
{
    public long Id { get; set; }
    public Guid EpisodeId { get; set; }
    public Episode? Episode { get; set; }

    public required string Fingerprint { get; set; }
    public required string Text { get; set; }
    public required string Kind { get; set; }
    public int Line { get; set; }
    public double Score { get; set; }

    /// <summary>Position among the episode's active claims (document order, 1-based).</summary>
    public int Number { get; set; }

    public ClaimVerdict Verdict { get; set; }
    public string? VerdictBy { get; set; }
    public string? VerdictByName { get; set; }
    public DateTimeOffset? VerdictAt { get; set; }
    public string? VerdictNote { get; set; }
    /// <summary>True when the verdict came from a reaction on the claim's message, so removing that reaction clears it.</summary>
    public bool VerdictByReaction { get; set; }

    /// <summary>False once the claim's text no longer appears in the note (kept for history).</summary>
    public bool Active { get; set; } = true;
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset? GoneAt { get; set; }

    /// <summary>When the claim was posted to the review channel, and its Discord message (null until posted).</summary>
    public DateTimeOffset? PostedAt { get; set; }
    public ulong? MessageId { get; set; }
}

public enum ClaimVerdict
{
    Unverified,
    Verified,
    False,
    NeedsSource,
    NotAClaim,
}
