namespace EditorialBot.Storage;

/// <summary>
/// A lease several bot processes compete for (e.g. <see cref="Gateway"/>: the one Discord connection).
/// Taken and renewed only by a conditional update (free, expired, or already ours), so exactly one
/// owner holds it at a time; <see cref="Term"/> grows on each take-over.
/// </summary>
public sealed class Lease
{
    public const string Gateway = "gateway";

    public required string Name { get; set; }
    /// <summary>The holder's instance id, or empty when released.</summary>
    public string Owner { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Counts take-overs (not renewals): a holder can tell it lost the lease in between.</summary>
    public long Term { get; set; }
}
