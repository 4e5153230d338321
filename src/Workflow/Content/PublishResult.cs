namespace EditorialBot.Workflow.Content;

internal enum PublishOutcome
{
    /// <summary>The draft was flipped to published and written.</summary>
    Published,
    /// <summary>The note was put back to a draft and written.</summary>
    Unpublished,
    /// <summary>Publish asked for a note that is not a draft: nothing to do, nothing written.</summary>
    NotADraft,
    /// <summary>Unpublish asked for a note that is already a draft: nothing written.</summary>
    AlreadyADraft,
    /// <summary>Upstream changed the note since it was approved: our commit was dropped and the file is upstream's version.</summary>
    Withdrawn,
    /// <summary>The file cannot be edited safely; nothing written (see <see cref="PublishResult.Reason"/>).</summary>
    Refused,
    /// <summary>The file is not the one that was read (hash, length or modification time differ); nothing written.</summary>
    Changed,
}

/// <summary>What the publisher did. Hashes are SHA-256 hex of the whole file; <c>Previous*</c> let the edit be undone exactly.</summary>
internal sealed record PublishResult(
    PublishOutcome Outcome,
    string Path,
    string? Reason = null,
    int? Line = null,
    string? ContentHash = null,
    string? PreviousContentHash = null,
    string? PreviousDraft = null,
    string? PreviousStatus = null,
    bool StatusInserted = false)
{
    public bool Wrote => Outcome is PublishOutcome.Published or PublishOutcome.Unpublished;

    /// <summary>"line 12: reason" when the reason has a line.</summary>
    public string? Explanation => Reason is null ? null : Line is { } line ? $"line {line}: {Reason}" : Reason;
}

/// <summary>The values publishing writes (<c>Publishing:DraftValue</c>, <c>Publishing:StatusValue</c>).</summary>
internal sealed record PublishSettings(string DraftValue = "false", string StatusValue = "published");
