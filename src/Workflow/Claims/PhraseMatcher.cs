namespace EditorialBot.Workflow.Claims;

/// <summary>A lexicon hit: where, which phrase, its category and (for entities) the canonical name.</summary>
internal readonly record struct PhraseMatch(int Start, int Length, string Category, string Canonical);

/// <summary>
/// Leftmost-longest dictionary matching of many phrases in one pass (a first-character index over phrases sorted
/// longest first). Phrases containing Latin letters match case-insensitively and only as whole words, because
/// "\b" is useless next to CJK text.
/// </summary>
internal sealed class PhraseMatcher
{
    private readonly Dictionary<char, Entry[]> _byFirst;

    private readonly record struct Entry(string Phrase, string Category, string Canonical, bool Latin);

    public PhraseMatcher(IEnumerable<(string Phrase, string Category, string Canonical)> phrases)
    {
        Dictionary<char, List<Entry>> index = [];
        foreach (var (phrase, category, canonical) in phrases)
        {
            if (phrase.Length == 0)
            {
                continue;
            }
            var key = char.ToLowerInvariant(phrase[0]);
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }
            list.Add(new Entry(phrase, category, canonical, phrase.Any(char.IsAsciiLetter)));
        }
        _byFirst = index.ToDictionary(
            static p => p.Key,
            static p => p.Value
                .OrderByDescending(static e => e.Phrase.Length)
                .ThenBy(static e => e.Phrase, StringComparer.Ordinal)
                .ThenBy(static e => e.Category, StringComparer.Ordinal)
                .ToArray());
    }

    public void FindAll(string text, List<PhraseMatch> into)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (_byFirst.TryGetValue(char.ToLowerInvariant(text[i]), out var entries) && Match(text, i, entries) is { } hit)
            {
                into.Add(new PhraseMatch(i, hit.Phrase.Length, hit.Category, hit.Canonical));
                i += hit.Phrase.Length;
            }
            else
            {
                i++;
            }
        }
    }

    private static Entry? Match(string text, int at, Entry[] entries)
    {
        foreach (var entry in entries)
        {
            var phrase = entry.Phrase;
            if (at + phrase.Length > text.Length)
            {
                continue;
            }
            if (!entry.Latin)
            {
                if ((phrase.Length == 1 || text[at + 1] == phrase[1]) && string.CompareOrdinal(text, at, phrase, 0, phrase.Length) == 0)
                {
                    return entry;
                }
                continue;
            }
            if (string.Compare(text, at, phrase, 0, phrase.Length, StringComparison.OrdinalIgnoreCase) != 0)
            {
                continue;
            }
            var beforeOk = at == 0 || !char.IsAsciiLetterOrDigit(text[at - 1]) || !char.IsAsciiLetterOrDigit(phrase[0]);
            var end = at + phrase.Length;
            var afterOk = end == text.Length || !char.IsAsciiLetterOrDigit(text[end]) || !char.IsAsciiLetterOrDigit(phrase[^1]);
            if (beforeOk && afterOk)
            {
                return entry;
            }
        }
        return null;
    }
}
