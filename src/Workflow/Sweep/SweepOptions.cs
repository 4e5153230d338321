using EditorialBot.Workflow.Content;

namespace EditorialBot.Workflow.Sweep;

/// <summary>
/// Where the notes are and how drafts are read (<c>Content:Root</c>, <c>Content:Dialect</c>, <c>Content:Extensions</c>,
/// <c>Content:MaxNoteBytes</c>).
/// </summary>
internal sealed record SweepOptions(string ContentRoot, DraftDialect Dialect = DraftDialect.Eleventy)
{
    /// <summary>Note file extensions; null: <see cref="ContentTree.DefaultExtensions"/>.</summary>
    public IReadOnlyList<string>? Extensions { get; init; }

    /// <summary>Notes larger than this are tracked and published but not read for claims or the summary.</summary>
    public long MaxNoteBytes { get; init; } = NoteFile.DefaultMaxBytes;
}
