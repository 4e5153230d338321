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

    /// <summary>
    /// The claim's number within its episode (1-based), shown everywhere (card, thread, /claim, audit, git trailers).
    /// Kept for the claim's lifetime; new claims get numbers after the highest ever used, so a number never changes meaning.
    /// </summary>
    public int Number { get; set; }

    /// <summary>Must the claim be resolved before publishing (check tier), or is it optional?</summary>
    public ClaimTier Tier { get; set; }

    /// <summary>Every line where the claim is made, comma-separated (repeats merged into one claim); <see cref="Line"/> is the first.</summary>
    public string? Lines { get; set; }

    /// <summary>Fingerprints of the other sentences merged into this claim, space-separated.</summary>
    public string? Aliases { get; set; }

    /// <summary>The sentence before and after the claim in the note (trimmed), for judging it in context.</summary>
    public string? Before { get; set; }

    public string? After { get; set; }

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

/// <summary>
/// Check: an editor must resolve it before publishing (when the claims gate is on). Optional: visible, not required.
/// Check is the default, so claims stored before tiers existed keep gating as they did.
/// </summary>
public enum ClaimTier
{
    Check,
    Optional,
}

public enum ClaimVerdict
{
    Unverified,
    Verified,
    False,
    NeedsSource,
    NotAClaim,
}
