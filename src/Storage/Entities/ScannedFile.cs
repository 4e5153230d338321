namespace EditorialBot.Storage;

/// <summary>
/// Every Markdown file the sweep has seen (drafts or not), with the stat it had: a file whose size and
/// modification time are unchanged is not opened again, and a broken file is reported once.
/// </summary>
public sealed class ScannedFile
{
    /// <summary>Path relative to the content root, forward slashes.</summary>
    public required string Path { get; set; }
    public long Size { get; set; }
    public long ModifiedTicks { get; set; }
    public required string ContentHash { get; set; }
    public bool Draft { get; set; }
    /// <summary>The front matter error (null when readable).</summary>
    public string? Error { get; set; }
    /// <summary>The episode this file belongs to (drafts and former drafts), else null.</summary>
    public Guid? EpisodeId { get; set; }
}
