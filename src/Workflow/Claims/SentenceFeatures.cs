using System.Text.RegularExpressions;

namespace EditorialBot.Workflow.Claims;

/// <summary>Everything the rules look at in one normalised sentence: values, lexicon hits, model numbers.</summary>
internal sealed partial class SentenceFeatures
{
    public required string Text { get; init; }
    public required List<ValueMatch> Values { get; init; }
    public required List<PhraseMatch> Phrases { get; init; }
    public required List<(int Start, string Name)> Models { get; init; }
    public required int CjkCount { get; init; }
    public required bool IsQuestion { get; init; }
    public bool HasLink { get; init; }

    public bool IsChinese => CjkCount > 0;

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:[A-Z]{1,5}-?\d{1,4}[A-Z]{0,3}|\d{3,4}[A-Z]{1,2})(?![A-Za-z0-9])")]
    private static partial Regex ModelNumberRegex();

    // Entities the gazetteer does not list, in Chinese text only: a CJK name ending in an organisation suffix,
    // or a capitalised Latin name (MP Materials, SNE Research) standing among CJK characters.
    [GeneratedRegex(@"[\u4e00-\u9fff]{2,8}?(?:公司|集团|委员会|研究院|研究所|大学|银行|政府|交易所|办公室|协会|学会|基金会|联盟|组织|日报|时报|商报|晚报|周刊|电视台|法院|检察院|议会|国会|[部局署厅党])(?![\u4e00-\u9fff]{0,1}[门分长])|(?<![A-Za-z])[A-Z][A-Za-z]{2,}(?:\s[A-Z][A-Za-z]+)*(?![A-Za-z])")]
    private static partial Regex OpenEntityRegex();

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
        if (cjk > 0)
        {
            AddOpenEntities(normalized, phrases);
        }
        return new SentenceFeatures
        {
            Text = normalized,
            Values = values,
            Phrases = phrases,
            Models = models,
            CjkCount = cjk,
            IsQuestion = IsQuestionSentence(normalized),
            HasLink = hasLink,
        };
    }

    private static void AddOpenEntities(string text, List<PhraseMatch> phrases)
    {
        foreach (var match in OpenEntityRegex().EnumerateMatches(text))
        {
            var known = false;
            foreach (var p in phrases)
            {
                if (p.Category == ClaimLexicon.Entity && p.Start < match.Index + match.Length && match.Index < p.Start + p.Length)
                {
                    known = true;
                    break;
                }
            }
            if (!known)
            {
                var name = text.Substring(match.Index, match.Length);
                phrases.Add(new PhraseMatch(match.Index, match.Length, ClaimLexicon.Entity, name));
            }
        }
        // The rules read cues left to right ("X表示" needs its entity first), so keep the list in text order.
        phrases.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.Length != b.Length ? b.Length.CompareTo(a.Length)
            : string.CompareOrdinal(a.Category, b.Category));
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
