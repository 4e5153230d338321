using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Claims.Evaluation;
using Xunit.Abstractions;

namespace EditorialBot.Tests.Claims;

public sealed class ChineseGoldSetTests(ITestOutputHelper output)
{
    internal static IEnumerable<LabelledNote> Notes()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Claims", "Fixtures");
        foreach (var path in Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            yield return LabelledNote.Parse(Path.GetFileName(path), File.ReadAllText(path));
        }
    }

    [Fact]
    public void Finds_the_labelled_claims_with_recall_090_and_precision_090()
    {
        var extractor = new RuleClaimExtractor();
        PrfScore total = default, heldOut = default;
        var notes = 0;
        var heldOutNotes = 0;
        foreach (var note in Notes())
        {
            notes++;
            var (score, rows) = GoldSetScorer.Score(note, extractor.Extract(note.Markdown));
            output.WriteLine($"{note.Name}: {score}");
            foreach (var (gold, flagged) in rows.Where(static r => r.Flagged != r.Gold.IsClaim))
            {
                output.WriteLine($"  {(gold.IsClaim ? "missed" : "extra ")}: {gold.Text}");
            }
            total += score;
            if (IsHeldOut(note.Name))
            {
                heldOut += score;
                heldOutNotes++;
            }
        }
        output.WriteLine($"all: {total}");
        output.WriteLine($"held-out: {heldOut}");
        Assert.True(notes >= 4, "expected at least four labelled notes");
        Assert.True(total.Recall >= 0.90, $"recall {total}");
        Assert.True(total.Precision >= 0.90, $"precision {total}");
        // The rules were tuned on the other notes; only the held-out ones say whether they generalise.
        Assert.True(heldOutNotes >= 12, "expected at least twelve held-out notes");
        // Guard at the level reached (R 0.909, P 0.949 on fifteen held-out notes, 2026-11-30; issue 11 asks R >= 0.90 at P >= 0.78).
        Assert.True(heldOut.Recall >= 0.90, $"held-out recall {heldOut}");
        Assert.True(heldOut.Precision >= 0.90, $"held-out precision {heldOut}");
    }

    /// <summary>Notes written and labelled before the rules were tuned, and never tuned on.</summary>
    internal static bool IsHeldOut(string name) => name.EndsWith("-heldout.md", StringComparison.Ordinal);

    [Fact]
    public void Flags_every_sentence_with_an_explicit_number_or_date_and_a_named_entity()
    {
        var extractor = new RuleClaimExtractor();
        var checkedSentences = 0;
        foreach (var note in Notes())
        {
            foreach (var sentence in extractor.Sentences(note.Markdown))
            {
                var features = SentenceFeatures.Analyze(sentence.Normalized, ClaimLexicon.Default, sentence.HasLink);
                var hasValue = features.Values.Count > 0;
                var hasEntity = features.Models.Count > 0 || features.Phrases.Any(static p => p.Category == ClaimLexicon.Entity);
                if (hasValue && hasEntity && !sentence.IsHeading)
                {
                    checkedSentences++;
                    Assert.True(extractor.Judge(sentence) is not null, $"{note.Name}:{sentence.Line}: not flagged: {sentence.Text}");
                }
            }
        }
        Assert.True(checkedSentences >= 20, $"only {checkedSentences} sentences had a number or date and an entity");
    }

    [Fact]
    public void Labelled_notes_keep_their_text_when_markers_are_removed()
    {
        var note = LabelledNote.Parse("x.md", "---\ntitle: t\n---\n\n⟦C⟧**华为**在2025年发布了新芯片。⟦N⟧我觉得很好。\n");
        Assert.Equal("---\ntitle: t\n---\n\n**华为**在2025年发布了新芯片。我觉得很好。\n", note.Markdown);
        Assert.Equal([new GoldSentence("华为在2025年发布了新芯片。", true), new GoldSentence("我觉得很好。", false)], note.Sentences);
    }
}
