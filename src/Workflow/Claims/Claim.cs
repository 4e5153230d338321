namespace EditorialBot.Workflow.Claims;

/// <summary>
/// One check-worthy statement of a note. <see cref="Id"/> is a fingerprint of the normalised text only,
/// so an editor's verdict survives edits elsewhere in the note (and a move to another line).
/// </summary>
/// <param name="Id">First 16 hex digits of SHA-256 over the NFKC, whitespace-collapsed text.</param>
/// <param name="Text">The sentence as written, Markdown markers removed.</param>
/// <param name="Line">1-based line in the file (front matter included in the count).</param>
/// <param name="Kind">One of <see cref="ClaimKinds"/>.</param>
/// <param name="Score">Check-worthiness, 0-1.</param>
/// <param name="Reasons">The cues that fired, for editor trust (e.g. "money:400亿美元", "attribution:指出").</param>
/// <param name="Values">Normalised numbers, percentages, money amounts and dates, in text order.</param>
internal sealed record Claim(
    string Id,
    string Text,
    int Line,
    string Kind,
    double Score,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<ClaimValue> Values)
{
    /// <summary>1-based number within the note, in document order after merging (0 until <see cref="ClaimTriage"/> numbers it).</summary>
    public int Number { get; init; }

    /// <summary>Every line where this claim is made (repeats merged); <see cref="Line"/> is the first.</summary>
    public IReadOnlyList<int> Lines { get; init; } = [Line];

    /// <summary>Fingerprints of the other sentences merged into this claim, so a verdict survives when the first one is edited.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary><see cref="ClaimTiers.Check"/> (must be resolved) or <see cref="ClaimTiers.Optional"/>.</summary>
    public string Tier { get; init; } = ClaimTiers.Optional;

    /// <summary>The sentence before and after the claim's first occurrence, trimmed; null at the edges of the note.</summary>
    public string? Before { get; init; }

    public string? After { get; init; }
}

/// <summary>
/// A normalised number or date found in a claim: 39万片 is {number, 390000, 片}, 四百亿美元 is {money, 4e10, USD},
/// 百分之六十 is {percent, 0.6}, 2025年第一季度 is {date, period "2025-Q1"}.
/// </summary>
/// <param name="Type">number, money, percent, ratio, date or range.</param>
/// <param name="Text">The expression as it appears (after NFKC).</param>
/// <param name="Value">The numeric value (a fraction for percentages); null for dates.</param>
/// <param name="Upper">The upper bound of a range (3到5), else null.</param>
/// <param name="Unit">Currency code (USD, CNY...) or measure (片, nm, 人...); null when none.</param>
/// <param name="Period">ISO-like date or period: 2023-09, 2023-09-05, 2025-Q1, 2025-H2, 1990s; null for numbers.</param>
/// <param name="Approximate">左右 / 约 / 超过 / about / over and similar markers were present.</param>
internal sealed record ClaimValue(
    string Type,
    string Text,
    double? Value,
    double? Upper,
    string? Unit,
    string? Period,
    bool Approximate);

/// <summary>The claim kinds as they appear in JSON and on the card.</summary>
internal static class ClaimKinds
{
    public const string Quantity = "quantity";
    public const string DateEvent = "date_event";
    public const string Attribution = "attribution";
    public const string Comparison = "comparison";
    public const string RuleLaw = "rule_law";
    public const string Prediction = "prediction";
    public const string Other = "other";
}

/// <summary>A name written several ways in one note (升腾 / 昇腾), with the lines where each spelling occurs.</summary>
internal sealed record NameWarning(string Canonical, IReadOnlyList<NameVariantUse> Uses, string Message);

/// <summary>One spelling of a name and the 1-based lines it appears on.</summary>
internal sealed record NameVariantUse(string Spelling, IReadOnlyList<int> Lines);

/// <summary>What an extractor found in one note: claims in document order, and name-consistency warnings.</summary>
internal sealed record ClaimExtraction(IReadOnlyList<Claim> Claims, IReadOnlyList<NameWarning> Warnings, string Extractor);

/// <summary>
/// The seam between the workflow and the claim finder. Two real implementations: <see cref="RuleClaimExtractor"/>
/// (default, offline, deterministic) and <see cref="LlmClaimExtractor"/> (optional, falls back to the rules).
/// </summary>
internal interface IClaimExtractor
{
    /// <param name="markdown">The whole file text, front matter included (lines are counted from the top of the file).</param>
    Task<ClaimExtraction> ExtractAsync(string markdown, CancellationToken ct);
}
