namespace EditorialBot.Workflow.Claims;

/// <summary>The summary shown on a review card; <see cref="Generated"/> when the note had none and we took its first sentences.</summary>
internal sealed record NoteSummary(string Text, bool Generated)
{
    public const int DefaultMaxLength = 300;

    // How a generated summary is marked where it is stored as one string (the episode record).
    private const string GeneratedMark = "\u2063generated";

    /// <summary>The summary as one string for storage; <see cref="FromStored"/> reads it back with its flag.</summary>
    public string Stored => Generated ? Text + GeneratedMark : Text;

    public static NoteSummary FromStored(string? stored) =>
        string.IsNullOrEmpty(stored) ? new NoteSummary("(no summary)", Generated: false)
        : stored.EndsWith(GeneratedMark, StringComparison.Ordinal) ? new NoteSummary(stored[..^GeneratedMark.Length], Generated: true)
        : new NoteSummary(stored, Generated: false);

    /// <summary>
    /// The front matter summary when present; otherwise whole first sentences of the body up to
    /// <paramref name="maxLength"/> characters (at least one sentence, cut with an ellipsis if it alone is longer).
    /// </summary>
    /// <param name="frontMatterSummary">The note's <c>summary</c> value, or null.</param>
    /// <param name="markdownBody">The note's Markdown (front matter may be included; it is skipped).</param>
    public static NoteSummary Create(string? frontMatterSummary, string markdownBody, int maxLength = DefaultMaxLength)
    {
        if (!string.IsNullOrWhiteSpace(frontMatterSummary))
        {
            return new NoteSummary(frontMatterSummary.Trim(), Generated: false);
        }
        var builder = new System.Text.StringBuilder();
        foreach (var unit in MarkdownUnits.Read(markdownBody))
        {
            if (unit.IsHeading)
            {
                continue;
            }
            foreach (var span in SentenceSplitter.Split(unit.Text))
            {
                var sentence = TextNormalizer.Display(unit.Text.AsSpan(span.Start, span.Length));
                var separator = builder.Length > 0 && !SentenceSplitter.IsCjk(sentence[0]) ? " " : "";
                if (builder.Length > 0 && builder.Length + separator.Length + sentence.Length > maxLength)
                {
                    return new NoteSummary(builder.ToString(), Generated: true);
                }
                if (builder.Length == 0 && sentence.Length > maxLength)
                {
                    return new NoteSummary(string.Concat(TextFit.Truncate(sentence, maxLength - 1), "…"), Generated: true);
                }
                builder.Append(separator).Append(sentence);
            }
        }
        return new NoteSummary(builder.ToString(), Generated: true);
    }
}
