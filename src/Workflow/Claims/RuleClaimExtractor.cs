namespace EditorialBot.Workflow.Claims;

/// <summary>
/// The default extractor: Markdown units, sentence splitting, value recognisers, cue lexicons and a transparent
/// scorer. Offline and deterministic: the same text always gives the same claims, ids and scores.
/// </summary>
internal sealed class RuleClaimExtractor(Glossary? glossary = null, ClaimLexicon? lexicon = null, bool useEnglishModel = true) : IClaimExtractor
{
    public const string Name = "rules";

    private readonly Glossary _glossary = glossary ?? Glossary.Empty;
    private readonly ClaimLexicon _lexicon = lexicon ?? ClaimLexicon.Default;

    public Task<ClaimExtraction> ExtractAsync(string markdown, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Extract(markdown));
    }

    public ClaimExtraction Extract(string markdown)
    {
        var sentences = Sentences(markdown);
        List<Claim> claims = [];
        HashSet<string> seen = new(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            if (Judge(sentence) is { } claim && seen.Add(claim.Id))
            {
                claims.Add(claim);
            }
        }
        var warnings = NameConsistency.Check(sentences, _glossary, _lexicon);
        return new ClaimExtraction(claims, warnings, Name);
    }

    /// <summary>Every sentence of the note's prose, in document order (the LLM backend classifies these by index).</summary>
    public List<NoteSentence> Sentences(string markdown)
    {
        List<NoteSentence> sentences = [];
        foreach (var unit in MarkdownUnits.Read(markdown))
        {
            foreach (var span in SentenceSplitter.Split(unit.Text))
            {
                var raw = unit.Text.AsSpan(span.Start, span.Length);
                var display = TextNormalizer.Display(raw);
                var normalized = SentenceFeatures.StripTimestamps(TextNormalizer.Normalize(display));
                if (normalized.Length == 0)
                {
                    continue;
                }
                sentences.Add(new NoteSentence(sentences.Count, display, normalized, unit.LineAt(span.Start), unit.IsHeading, unit.HasLink));
            }
        }
        return sentences;
    }

    /// <summary>The rules' verdict on one sentence, as a claim, or null when it is not one.</summary>
    public Claim? Judge(NoteSentence sentence) => Judge(sentence, force: false);

    public Claim? Judge(NoteSentence sentence, bool force)
    {
        var features = SentenceFeatures.Analyze(sentence.Normalized, _lexicon, sentence.HasLink);
        // The English model (~440 KB of weights) is read on the first English sentence: a Chinese note never pays for it.
        var english = useEnglishModel && !features.IsChinese ? EnglishModel.Default : null;
        var verdict = ClaimRules.Evaluate(features, sentence.IsHeading, english, alwaysExplain: force);
        if (!verdict.IsClaim && !force)
        {
            return null;
        }
        return new Claim(
            TextNormalizer.Fingerprint(sentence.Normalized),
            sentence.Text,
            sentence.Line,
            verdict.Kind,
            verdict.Score,
            verdict.Reasons,
            features.Values.ConvertAll(static v => v.Value));
    }
}

/// <summary>One sentence of a note: its index in document order, display text, normalised text and file line.</summary>
internal sealed record NoteSentence(int Index, string Text, string Normalized, int Line, bool IsHeading, bool HasLink);
