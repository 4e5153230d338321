namespace EditorialBot.Workflow.Review;

/// <summary>
/// How an edit affects the review: edits to what readers read (title, summary, body) dismiss
/// approvals; edits to tags or other metadata keep them.
/// </summary>
public sealed record EditImpact(bool DismissesApprovals, IReadOnlyList<string> Reasons)
{
    public static readonly EditImpact None = new(false, []);

    public static EditImpact Of(ReviewedText before, ReviewedText after)
    {
        List<string> reasons = [];
        if (!string.Equals(before.Title, after.Title, StringComparison.Ordinal))
        {
            reasons.Add("title changed");
        }
        if (!string.Equals(before.Summary, after.Summary, StringComparison.Ordinal))
        {
            reasons.Add("summary changed");
        }
        if (!string.Equals(before.BodyHash, after.BodyHash, StringComparison.Ordinal))
        {
            reasons.Add("body changed");
        }
        return reasons.Count == 0 ? None : new EditImpact(true, reasons);
    }
}

/// <summary>The parts of a note whose change invalidates a review.</summary>
public sealed record ReviewedText(string? Title, string? Summary, string? BodyHash)
{
    /// <summary>One hash over title, summary and body: votes record it to know whether they were cast on the current text.</summary>
    public string Hash()
    {
        var joined = $"{Title}\u0000{Summary}\u0000{BodyHash}";
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(joined)));
    }
}
