using System.Text.RegularExpressions;

namespace EditorialBot.Workflow.Claims;

/// <summary>Everything the rules look at in one normalised sentence: values, lexicon hits, model numbers.</summary>
internal sealed partial class SentenceFeatures
{
    public required string Text { get; init; }
    public required List<ValueMatch> Values { get; init; }
    public required List<PhraseMatch> Phrases { get; init; }
    public required List<(int Start, string Name)> Models { get; init; }

    /// <summary>Latin names inside Chinese text (NEC, SubCom, TeleGeography): organisations and brands the gazetteer does not list.</summary>
    public List<(int Start, string Name)> LatinNames { get; init; } = [];
    public required int CjkCount { get; init; }
    public required bool IsQuestion { get; init; }
    public bool HasLink { get; init; }

    public bool IsChinese => CjkCount > 0;

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:[A-Z]{1,5}-?\d{1,4}[A-Z]{0,3}|\d{3,4}[A-Z]{1,2})(?![A-Za-z0-9])")]
    private static partial Regex ModelNumberRegex();

    // An acronym (2-6 capitals) or a capitalised word, possibly camel-cased; ASCII look-arounds, never \b next to CJK.
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:[A-Z]{2,6}|[A-Z][a-z]{2,}(?:[A-Z][a-z]+)*)(?![A-Za-z0-9])")]
    private static partial Regex LatinNameRegex();

    // Capitalised words that are not names in our notes' mixed Chinese-English speech.
    private static readonly HashSet<string> s_notNames = new(StringComparer.Ordinal) { "AI", "OK", "CEO", "CFO", "CPU", "GPU", "App", "PPT", "Anyway", "Okay", "Yes", "The", "And" };

    [GeneratedRegex(@"\[?\b\d{1,2}:\d{2}(?::\d{2})?\]?")]
    private static partial Regex TimestampRegex();

    public static string StripTimestamps(string text) =>
        text.Contains(':') ? TimestampRegex().Replace(text, "").Trim() : text;

    public static SentenceFeatures Analyze(string normalized, ClaimLexicon lexicon, bool hasLink)
    {
        var values = ValueRecognizer.Find(normalized);
        List<PhraseMatch> phrases = [];
        lexicon.Matcher.FindAll(normalized, phrases);
        List<(int, string)> models = [];
        var hasDigit = normalized.AsSpan().IndexOfAnyInRange('0', '9') >= 0;
        foreach (var match in ModelNumberRegex().EnumerateMatches(hasDigit ? normalized : ""))
        {
            var name = normalized.Substring(match.Index, match.Length);
            // Years and plain numbers are values, not models: a model needs a letter.
            if (name.Any(char.IsAsciiLetter) && name.Any(char.IsAsciiDigit))
            {
                models.Add((match.Index, name));
            }
        }
        var cjk = 0;
        foreach (var c in normalized)
        {
            if (SentenceSplitter.IsCjk(c))
            {
                cjk++;
            }
        }
        List<(int, string)> latinNames = [];
        if (cjk > 0 && normalized.AsSpan().IndexOfAnyInRange('A', 'Z') >= 0)
        {
            foreach (var match in LatinNameRegex().EnumerateMatches(normalized))
            {
                var at = match.Index;
                var name = normalized.Substring(at, match.Length);
                var known = phrases.Any(p => p.Category == ClaimLexicon.Entity && p.Start <= at && at < p.Start + p.Length)
                    || models.Any(m => m.Item1 <= at && at < m.Item1 + m.Item2.Length);
                if (!known && !s_notNames.Contains(name))
                {
                    latinNames.Add((match.Index, name));
                }
            }
        }
        return new SentenceFeatures
        {
            Text = normalized,
            Values = values,
            Phrases = phrases,
            Models = models,
            LatinNames = latinNames,
            CjkCount = cjk,
            IsQuestion = IsQuestionSentence(normalized),
            HasLink = hasLink,
        };
    }

    private static bool IsQuestionSentence(string text)
    {
        var end = text.Length - 1;
        while (end >= 0 && (char.IsWhiteSpace(text[end]) || text[end] is '"' or '\'' or ')' or '」' or '』' or '】'))
        {
            end--;
        }
        if (end < 0)
        {
            return false;
        }
        if (text[end] == '?')
        {
            return true;
        }
        // 吗 / 呢 at the very end of the sentence (before its terminator) ask; mid-sentence 呢 is a filler pause.
        var last = text[end] is '.' or '。' or '!' or ';' or '…' ? end - 1 : end;
        return last >= 0 && text[last] is '吗';
    }
}
