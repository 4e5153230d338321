using System.Text.RegularExpressions;

namespace EditorialBot.Workflow.Claims;

/// <summary>
/// Flags one entity written several ways in a note: glossary variants (升腾 for 昇腾, 阿斯迈尔 for ASML), and,
/// without a glossary entry, a model number preceded by different unknown names (深腾910C next to 昇腾910C).
/// </summary>
internal static partial class NameConsistency
{
    [GeneratedRegex(@"(?<name>[\u4E00-\u9FFF]{2})的?\s?(?<model>(?<![A-Za-z0-9])(?:[A-Z]{1,5}-?\d{1,4}[A-Z]{0,3}|\d{3,4}[A-Z]{1,2})(?![A-Za-z0-9]))")]
    private static partial Regex NameBeforeModelRegex();

    // Characters that make a two-character prefix a phrase rather than a name (用910C, 这款910C, 就是910C).
    private const string FunctionChars = "的是了在和跟与及把被这那个款用到从向对给将就都也还而且或比说有款代颗块张台买卖售产出进推发";

    public static IReadOnlyList<NameWarning> Check(IReadOnlyList<NoteSentence> sentences, Glossary glossary, ClaimLexicon lexicon)
    {
        List<NameWarning> warnings = [];
        HashSet<string> reportedVariants = new(StringComparer.Ordinal);
        var uses = new SortedDictionary<string, SortedSet<int>>?[glossary.Entries.Count];
        var wrong = new bool[glossary.Entries.Count];
        if (glossary.Entries.Count > 0)
        {
            List<PhraseMatch> hits = [];
            foreach (var sentence in sentences)
            {
                hits.Clear();
                glossary.Matcher.FindAll(sentence.Normalized, hits);
                foreach (var hit in hits)
                {
                    if (hit.Category == Glossary.ContextVariant && !IsBeforeModelNumber(sentence.Normalized, hit.Start + hit.Length))
                    {
                        continue;
                    }
                    var entry = int.Parse(hit.Canonical, System.Globalization.CultureInfo.InvariantCulture);
                    Add(uses[entry] ??= new(StringComparer.Ordinal), sentence.Normalized.Substring(hit.Start, hit.Length), sentence.Line);
                    wrong[entry] |= hit.Category is Glossary.Variant or Glossary.ContextVariant;
                }
            }
        }
        for (var i = 0; i < glossary.Entries.Count; i++)
        {
            if (!wrong[i])
            {
                continue;
            }
            var entry = glossary.Entries[i];
            var list = uses[i]!.Select(static u => new NameVariantUse(u.Key, [.. u.Value])).ToList();
            var written = string.Join(", ", list.Select(static u => $"{u.Spelling} (line {string.Join(", ", u.Lines)})"));
            warnings.Add(new NameWarning(entry.Canonical, list, $"{entry.Canonical} is written several ways: {written}; house spelling is {entry.Canonical}."));
            foreach (var use in list)
            {
                reportedVariants.Add(use.Spelling);
            }
        }
        warnings.AddRange(CheckModelPrefixes(sentences, glossary, lexicon, reportedVariants));
        return warnings;
    }

    /// <summary>A model number right after <paramref name="at"/>, allowing 的 or one space in between (深层910C, 深层的 910C).</summary>
    private static bool IsBeforeModelNumber(string text, int at)
    {
        if (at < text.Length && text[at] == '的')
        {
            at++;
        }
        if (at < text.Length && text[at] == ' ')
        {
            at++;
        }
        var digits = 0;
        var i = at;
        while (i < text.Length && char.IsAsciiLetterUpper(text[i]) && i - at < 5)
        {
            i++;
        }
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }
        return digits > 0 && (i == at + digits ? digits >= 3 && i < text.Length && char.IsAsciiLetterUpper(text[i]) : true);
    }

    private static IEnumerable<NameWarning> CheckModelPrefixes(IReadOnlyList<NoteSentence> sentences, Glossary glossary, ClaimLexicon lexicon, HashSet<string> reported)
    {
        HashSet<string> known = new(lexicon.EntityNames.Keys, StringComparer.Ordinal);
        foreach (var entry in glossary.Entries)
        {
            known.Add(entry.Canonical);
            known.UnionWith(entry.Aliases);
        }
        SortedDictionary<string, SortedDictionary<string, SortedSet<int>>> byModel = new(StringComparer.Ordinal);
        List<PhraseMatch> cues = [];
        foreach (var sentence in sentences)
        {
            if (sentence.Normalized.AsSpan().IndexOfAnyInRange('0', '9') < 0)
            {
                continue;
            }
            foreach (Match m in NameBeforeModelRegex().Matches(sentence.Normalized))
            {
                var name = m.Groups["name"].Value;
                if (name.AsSpan().IndexOfAny(FunctionChars) >= 0 || IsTailOfKnownName(sentence.Normalized, m.Index, name, known))
                {
                    continue;
                }
                cues.Clear();
                lexicon.Matcher.FindAll(name, cues);
                if (cues.Any(c => c.Category != ClaimLexicon.Entity && c.Length == name.Length))
                {
                    continue; // a verb or cue word (量产, 发布), not a name
                }
                var model = m.Groups["model"].Value;
                if (!byModel.TryGetValue(model, out var names))
                {
                    byModel[model] = names = new(StringComparer.Ordinal);
                }
                Add(names, name, sentence.Line);
            }
        }
        foreach (var (model, names) in byModel)
        {
            // An unknown name counts only when it shares a character with another name of the same model
            // (深腾 / 昇腾): transcription slips keep part of the word; unrelated words (美国, 出售) share nothing.
            var unknown = names.Keys
                .Where(n => !known.Contains(n) && names.Keys.Any(o => o != n && o.AsSpan().IndexOfAny(n) >= 0))
                .ToList();
            if (names.Count < 2 || unknown.Count == 0 || unknown.All(reported.Contains))
            {
                continue;
            }
            var list = names.Select(static u => new NameVariantUse(u.Key, [.. u.Value])).ToList();
            var written = string.Join(", ", list.Select(static u => $"{u.Spelling} (line {string.Join(", ", u.Lines)})"));
            yield return new NameWarning(model, list, $"{model} follows different names: {written}; check they are the same product.");
        }
    }

    /// <summary>伟达 in 英伟达H200 is the end of a longer known name, not a name of its own.</summary>
    private static bool IsTailOfKnownName(string text, int nameStart, string name, HashSet<string> known)
    {
        for (var back = 1; back <= 3 && nameStart - back >= 0; back++)
        {
            if (known.Contains(string.Concat(text.AsSpan(nameStart - back, back), name)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Contains(string text, string spelling) =>
        text.Contains(spelling, spelling.Any(char.IsAsciiLetter) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static void Add(IDictionary<string, SortedSet<int>> uses, string spelling, int line)
    {
        if (!uses.TryGetValue(spelling, out var lines))
        {
            uses[spelling] = lines = [];
        }
        lines.Add(line);
    }
}
