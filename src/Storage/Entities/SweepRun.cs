namespace EditorialBot.Storage;

/// <summary>What one sweep saw and did.</summary>
public sealed class SweepRun
{
    public long Id { get; set; }
    public required string Trigger { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public long DurationMs { get; set; }
    public int Files { get; set; }
    public int Drafts { get; set; }
    public int New { get; set; }
    public int Changed { get; set; }
    public int Moved { get; set; }
    public int Gone { get; set; }
    public int Published { get; set; }
    /// <summary>Files newly found broken (or broken differently) in this sweep; each is reported once.</summary>
    public int Errors { get; set; }
    /// <summary>All broken files, including those already reported.</summary>
    public int Broken { get; set; }
    public int Unchanged { get; set; }
    /// <summary>Set when the sweep itself failed.</summary>
    public string? Failure { get; set; }
}
