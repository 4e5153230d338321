using EditorialBot.Workflow.Content;

namespace EditorialBot.Workflow.Sweep;

/// <summary>Where the notes are and how drafts are read (<c>Content:Root</c>, <c>Content:Dialect</c>).</summary>
internal sealed record SweepOptions(string ContentRoot, DraftDialect Dialect = DraftDialect.Eleventy);
