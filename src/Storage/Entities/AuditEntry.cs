namespace EditorialBot.Storage;

/// <summary>One line of the append-only audit log (the database refuses updates and deletes).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public Guid? EpisodeId { get; set; }
    public string? ContentHash { get; set; }
    public string? Details { get; set; }
}
