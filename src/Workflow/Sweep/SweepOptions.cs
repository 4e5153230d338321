using EditorialBot.Workflow.Content;

namespace EditorialBot.Workflow.Sweep;

/// <summary>
/// Where the notes are and how drafts are read (<c>Content:Root</c>, <c>Content:Dialect</c>), and how long delivered
/// outbox rows are kept before a sweep prunes them (<c>Outbox:RetentionDays</c>, default 30).
/// </summary>
internal sealed record SweepOptions(string ContentRoot, DraftDialect Dialect = DraftDialect.Eleventy, int OutboxRetentionDays = 30);
