using System.Text.RegularExpressions;

namespace EditorialBot.Workflow.Claims.Evaluation;

/// <summary>A gold sentence of a labelled note: its text (Markdown markers removed) and whether it is a claim.</summary>
internal sealed record GoldSentence(string Text, bool IsClaim);

/// <summary>
/// A labelled note: ordinary Markdown where every sentence starts with ⟦C⟧ (claim) or ⟦N⟧ (not a claim).
/// <see cref="Markdown"/> is the note with the markers removed, exactly what the extractor sees.
/// </summary>
internal sealed partial record LabelledNote(string Name, string Markdown, IReadOnlyList<GoldSentence> Sentences)
{
    [GeneratedRegex("⟦([CN])⟧")]
    private static partial Regex MarkerRegex();

    [GeneratedRegex(@"\*\*|\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkupRegex();

    public static LabelledNote Parse(string name, string fixture)
    {
        var text = fixture.Replace("\r\n", "\n", StringComparison.Ordinal);
        List<GoldSentence> gold = [];
        var markers = MarkerRegex().Matches(text);
        for (var i = 0; i < markers.Count; i++)
        {
            var start = markers[i].Index + markers[i].Length;
            var end = i + 1 < markers.Count ? markers[i + 1].Index : text.Length;
            var paragraphEnd = text.IndexOf("\n\n", start, StringComparison.Ordinal);
            if (paragraphEnd >= 0 && paragraphEnd < end)
            {
                end = paragraphEnd;
            }
            var sentence = MarkupRegex().Replace(text[start..end], static m => m.Groups[1].Success ? m.Groups[1].Value : "").Trim();
            gold.Add(new GoldSentence(sentence, markers[i].Groups[1].Value == "C"));
        }
        return new LabelledNote(name, MarkerRegex().Replace(text, ""), gold);
    }
}

/// <summary>Precision, recall and F1 of the positive class, with the confusion counts behind them.</summary>
internal readonly record struct PrfScore(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public int Total => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;

    public PrfScore Add(bool predicted, bool gold) => (predicted, gold) switch
    {
        (true, true) => this with { TruePositives = TruePositives + 1 },
        (true, false) => this with { FalsePositives = FalsePositives + 1 },
        (false, true) => this with { FalseNegatives = FalseNegatives + 1 },
        _ => this with { TrueNegatives = TrueNegatives + 1 },
    };

    public static PrfScore operator +(PrfScore a, PrfScore b) => new(
        a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives, a.TrueNegatives + b.TrueNegatives);

    public override string ToString() =>
        FormattableString.Invariant($"P={Precision:0.000} R={Recall:0.000} F1={F1:0.000} (tp={TruePositives} fp={FalsePositives} fn={FalseNegatives} tn={TrueNegatives}, n={Total})");
}

/// <summary>Scores an extraction against a labelled note: a gold sentence is flagged when a claim's text contains it or lies inside it.</summary>
internal static class GoldSetScorer
{
    public static (PrfScore Score, List<(GoldSentence Gold, bool Flagged)> Rows) Score(LabelledNote note, ClaimExtraction extraction)
    {
        var claims = extraction.Claims.Select(static c => TextNormalizer.Normalize(c.Text)).ToList();
        PrfScore score = default;
        List<(GoldSentence, bool)> rows = [];
        foreach (var gold in note.Sentences)
        {
            var g = TextNormalizer.Normalize(gold.Text);
            var flagged = claims.Any(c => c.Contains(g, StringComparison.Ordinal) || g.Contains(c, StringComparison.Ordinal));
            score = score.Add(flagged, gold.IsClaim);
            rows.Add((gold, flagged));
        }
        return (score, rows);
    }
}
