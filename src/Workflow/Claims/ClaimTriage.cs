namespace EditorialBot.Workflow.Claims;

/// <summary>
/// Turns what an extractor found into what editors review: repeats merged into one claim listing every line,
/// numbered 1, 2, 3 … in document order, split into the check and optional tiers, each with the sentence before
/// and after it. Wraps the configured extractor, so the sweep, <c>claims</c> and <c>card</c> all see the same claims.
/// </summary>
internal sealed class ClaimTriage(IClaimExtractor inner, int mustCheckMax) : IClaimExtractor
{
    public const int DefaultMustCheckMax = 12;

    // Context shown around a claim: enough to judge it, short enough for a Discord message.
    private const int ContextCodePoints = 90;

    private static readonly RuleClaimExtractor s_splitter = new(useEnglishModel: false);

    public int MustCheckMax => mustCheckMax;

    public async Task<ClaimExtraction> ExtractAsync(string markdown, CancellationToken ct)
    {
        var extraction = await inner.ExtractAsync(markdown, ct);
        return extraction with { Claims = Apply(markdown, extraction.Claims, mustCheckMax) };
    }

    public static List<Claim> Apply(string markdown, IReadOnlyList<Claim> found, int mustCheckMax)
    {
        var sentences = s_splitter.Sentences(markdown);
        Dictionary<string, List<int>> linesById = new(StringComparer.Ordinal);
        Dictionary<(int Line, string Text), int> indexOf = [];
        foreach (var sentence in sentences)
        {
            var id = TextNormalizer.Fingerprint(sentence.Normalized);
            if (!linesById.TryGetValue(id, out var lines))
            {
                linesById[id] = lines = [];
            }
            lines.Add(sentence.Line);
            indexOf.TryAdd((sentence.Line, sentence.Text), sentence.Index);
        }
        var withContext = found.Select(claim => InContext(claim, sentences, linesById, indexOf)).ToList();
        var merged = ClaimMerger.Merge(withContext);
        var tiered = ClaimTiers.Assign(merged, mustCheckMax);
        return [.. tiered.Select(static (claim, index) => claim with { Number = index + 1 })];
    }

    /// <summary>Adds the lines where the same sentence occurs again, and the sentences around the first occurrence.</summary>
    private static Claim InContext(Claim claim, List<NoteSentence> sentences, Dictionary<string, List<int>> linesById, Dictionary<(int, string), int> indexOf)
    {
        var at = indexOf.GetValueOrDefault((claim.Line, claim.Text), -1);
        IEnumerable<int> lines = linesById.TryGetValue(claim.Id, out var same) ? [claim.Line, .. same] : [claim.Line];
        return claim with
        {
            Lines = lines.Distinct().Order().ToList(),
            Before = at > 0 ? Tail(sentences[at - 1].Text) : null,
            After = at >= 0 && at + 1 < sentences.Count ? Head(sentences[at + 1].Text) : null,
        };
    }

    private static string Head(string text) =>
        TextFit.CodePoints(text) <= ContextCodePoints ? text : TextFit.Truncate(text, ContextCodePoints - 1) + "…";

    private static string Tail(string text)
    {
        var points = TextFit.CodePoints(text);
        if (points <= ContextCodePoints)
        {
            return text;
        }
        var skip = points - (ContextCodePoints - 1);
        var index = 0;
        for (var i = 0; i < skip; i++)
        {
            index += char.IsSurrogatePair(text, index) ? 2 : 1;
        }
        return "…" + text[index..];
    }
}
