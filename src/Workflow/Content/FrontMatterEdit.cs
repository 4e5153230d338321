namespace EditorialBot.Workflow.Content;

/// <summary>What to do with the top-level <c>status</c> key while the <c>draft</c> value is set.</summary>
internal enum StatusAction
{
    /// <summary>Set the value: replace an existing scalar in place, or insert a line after <c>draft</c>.</summary>
    Set,
    /// <summary>Write these exact source characters inside the existing scalar (restores what was there before).</summary>
    SetRaw,
    /// <summary>Remove the <c>status</c> line (undoes an insertion).</summary>
    Remove,
}

/// <summary>A front matter edit: the new <c>draft</c> token and the <c>status</c> change.</summary>
internal sealed record FrontMatterEdit(string DraftToken, StatusAction Status, string? StatusText);

/// <summary>
/// The outcome of splicing: new bytes, or the reason the file cannot be edited safely (with the file line). Also
/// what was there before, so the edit can be undone exactly.
/// </summary>
internal sealed record EditResult(
    byte[]? Bytes,
    FrontMatterError? Refusal,
    string? PreviousDraft,
    string? PreviousStatus,
    bool StatusInserted)
{
    public static EditResult Refuse(string message, int line) => new(null, new FrontMatterError(message, line), null, null, false);
}
