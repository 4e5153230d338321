namespace EditorialBot.Workflow.Claims;

/// <summary>A sentence as a span of its unit's text.</summary>
internal readonly record struct SentenceSpan(int Start, int Length);

/// <summary>
/// Sentence splitting per claims.md §6.3: hard terminators first (。！？；!?; … newline, a '.' that ends a
/// sentence), then soft splits of long unpunctuated runs (ASR transcripts) at pauses, commas and discourse
/// markers, so that no sentence grows past <see cref="HardMax"/> characters.
/// </summary>
internal static class SentenceSplitter
{
    /// <summary>A run longer than this (with no terminator) gets soft splits.</summary>
    public const int SoftMax = 80;
    public const int HardMax = 300;
    private const int MinPiece = 6;
    private const int MinPausePiece = 4;

    private static readonly string[] s_discourseMarkers = ["然后", "所以", "但是", "其实", "就是说", "另外", "同时", "那么", "而且", "不过", "因此"];

    // Where a speaker's turn or a new clause starts in a transcript with neither punctuation nor pauses.
    private static readonly string[] s_turnMarkers =
    [
        "喂", "嗯", "哦", "哈哈", "好的", "好我们", "好下一位", "好谢谢", "谢谢", "你好", "我觉得", "我想", "我是", "我现在", "我听说", "我看",
        "你说", "你怎么", "你肯定", "你可以", "那我", "那你", "那钱", "要是", "如果", "假如", "因为", "所以", "但是", "不过", "其实", "然后",
        "就是", "而且", "另外", "主要是", "还有", "比如说", "对所以", "后来", "之后", "事故之后", "前段时间", "现在",
    ];

    public static List<SentenceSpan> Split(string text)
    {
        List<SentenceSpan> result = [];
        var unpunctuated = text.AsSpan().IndexOfAny("。！？!?，,；;") < 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsTerminatorAt(text, i))
            {
                continue;
            }
            var end = i + 1;
            while (end < text.Length && (IsTerminatorChar(text[end]) || IsCloser(text[end])))
            {
                end++;
            }
            AddPiece(text, start, end, result, unpunctuated);
            start = end;
            i = end - 1;
        }
        AddPiece(text, start, text.Length, result, unpunctuated);
        return result;
    }

    private static void AddPiece(string text, int start, int end, List<SentenceSpan> result, bool unpunctuated)
    {
        // Trim whitespace so that spans start on a character (line lookup) and ids are stable.
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        if (end <= start)
        {
            return;
        }
        var pauses = CountCjkPauses(text, start, end);
        if (unpunctuated && pauses == 0 && end - start > FineMin && !text.AsSpan(start, end - start).ContainsAny(' ', '\t'))
        {
            FineSplit(text, start, end, result);
            return;
        }
        if (end - start <= SoftMax && pauses < 2)
        {
            result.Add(new SentenceSpan(start, end - start));
            return;
        }
        SoftSplit(text, start, end, result);
    }

    private const int FineMin = 30;

    /// <summary>
    /// A raw caption run with neither punctuation nor pauses ("喂你好主持人你好我是…"): cut before turn markers so that
    /// each piece holds about one clause; fillers ("喂", "嗯") stand alone instead of joining a claim.
    /// </summary>
    private static void FineSplit(string text, int start, int end, List<SentenceSpan> result)
    {
        var pieceStart = start;
        for (var i = start + 1; i < end - 1; i++)
        {
            var marker = TurnMarkerAt(text, i);
            if (marker == 0)
            {
                continue;
            }
            if (i - pieceStart >= 4 || IsFiller(text.AsSpan(pieceStart, i - pieceStart)))
            {
                SplitLong(text, pieceStart, i, result);
                pieceStart = i;
            }
            i += marker - 1;
        }
        SplitLong(text, pieceStart, end, result);
    }

    private static int TurnMarkerAt(string text, int i)
    {
        foreach (var marker in s_turnMarkers)
        {
            if (i + marker.Length < text.Length && string.CompareOrdinal(text, i, marker, 0, marker.Length) == 0)
            {
                return marker.Length;
            }
        }
        return 0;
    }

    /// <summary>A call-in filler or greeting ("喂", "嗯", "对对对", "好的", "你好") that is never part of a claim.</summary>
    private static bool IsFiller(ReadOnlySpan<char> piece)
    {
        piece = piece.Trim();
        if (piece.Length == 0 || piece.Length > 4)
        {
            return false;
        }
        foreach (var c in piece)
        {
            if ("喂嗯哦啊呃好对是的你说哈谢行嘛呀吧".IndexOf(c) < 0)
            {
                return false;
            }
        }
        return true;
    }

    private static void SoftSplit(string text, int start, int end, List<SentenceSpan> result)
    {
        // ASR transcripts mark pauses with spaces between CJK characters: every pause ends a unit, and pieces
        // shorter than MinPiece join the next one. Whatever is still long is cut at markers and commas.
        var pieceStart = start;
        for (var i = start + 1; i < end - 1; i++)
        {
            // A filler before or after the pause stands alone even when short ("嗯 其实…" is not one claim).
            // Each pause ends an utterance ("那肯定的 另外…" are two); only one to three characters join the next.
            if (IsPause(text, i) && end - i > MinPausePiece && (i - pieceStart >= MinPausePiece || IsFiller(text.AsSpan(pieceStart, i - pieceStart))))
            {
                SplitLong(text, pieceStart, i, result);
                pieceStart = i + 1;
            }
        }
        SplitLong(text, pieceStart, end, result);
    }

    private static void SplitLong(string text, int start, int end, List<SentenceSpan> result)
    {
        var pieceStart = start;
        while (end - pieceStart > SoftMax)
        {
            var cut = FindCut(text, pieceStart, end);
            if (cut < 0)
            {
                break;
            }
            AddTrimmed(text, pieceStart, cut, result);
            pieceStart = cut;
        }
        AddTrimmed(text, pieceStart, end, result);
    }

    /// <summary>
    /// The best place to cut a long run that starts at <paramref name="from"/>: the last strong break (a pause or
    /// a discourse marker) within <see cref="SoftMax"/> characters, else the last comma there, else the first
    /// break of any kind before <see cref="HardMax"/>, else a forced cut that avoids numbers and Latin words.
    /// </summary>
    private static int FindCut(string text, int from, int end)
    {
        int lastStrong = -1, lastWeak = -1, firstLater = -1;
        var windowEnd = Math.Min(end - MinPiece, from + HardMax);
        for (var i = from + MinPiece; i <= windowEnd; i++)
        {
            var strength = BreakStrength(text, i);
            if (strength == 0)
            {
                continue;
            }
            if (i - from <= SoftMax)
            {
                if (strength == 2 && i - from >= 20)
                {
                    lastStrong = i;
                }
                else
                {
                    lastWeak = i;
                }
            }
            else if (firstLater < 0)
            {
                firstLater = i;
                break;
            }
        }
        if (lastStrong >= 0)
        {
            return lastStrong;
        }
        if (lastWeak >= 0)
        {
            return lastWeak;
        }
        if (firstLater >= 0)
        {
            return firstLater;
        }
        if (end - from <= HardMax)
        {
            return -1;
        }
        var cut = from + HardMax;
        while (cut > from + MinPiece && (char.IsAsciiLetterOrDigit(text[cut]) || char.IsAsciiLetterOrDigit(text[cut - 1])
            || char.IsLowSurrogate(text[cut])))
        {
            cut--;
        }
        return cut;
    }

    /// <summary>0: no break; 1: a comma (cut after it); 2: a pause between CJK characters or a discourse marker.</summary>
    private static int BreakStrength(string text, int i)
    {
        var previous = text[i - 1];
        var current = text[i];
        if (previous is '，' or '、' or '：' || (previous == ',' && !(char.IsAsciiDigit(current) && i >= 2 && char.IsAsciiDigit(text[i - 2]))))
        {
            return 1;
        }
        if (i + 1 < text.Length && IsPause(text, i))
        {
            return 2;
        }
        if (IsCjk(current) && (IsCjk(previous) || char.IsWhiteSpace(previous)))
        {
            foreach (var marker in s_discourseMarkers)
            {
                if (string.CompareOrdinal(text, i, marker, 0, marker.Length) == 0)
                {
                    return 2;
                }
            }
        }
        return 0;
    }

    /// <summary>
    /// A space that an ASR transcript uses as a pause: after a CJK character (or a % or closing bracket) and before
    /// a CJK character or a capitalised Latin name. Never inside "3 万", "60 %" or "H100 GPU".
    /// </summary>
    private static bool IsPause(string text, int i)
    {
        if (!char.IsWhiteSpace(text[i]) || i == 0 || i + 1 >= text.Length)
        {
            return false;
        }
        var previous = text[i - 1];
        var next = text[i + 1];
        return (IsCjk(previous) && (IsCjk(next) || char.IsAsciiLetterUpper(next)))
            || (previous is '%' or '）' or ')' or '”' or '」' && IsCjk(next));
    }

    // Two or more spaces between CJK characters mark an unpunctuated transcript even in a short run; a single one
    // may be a spaced name ("华为 Mate 60").
    private static int CountCjkPauses(string text, int start, int end)
    {
        var count = 0;
        for (var i = start + 1; i < end - 1; i++)
        {
            if (char.IsWhiteSpace(text[i]) && IsCjk(text[i - 1]) && IsCjk(text[i + 1]))
            {
                count++;
            }
        }
        return count;
    }

    private static void AddTrimmed(string text, int start, int end, List<SentenceSpan> result)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        if (end > start)
        {
            result.Add(new SentenceSpan(start, end - start));
        }
    }

    private static bool IsTerminatorAt(string text, int i)
    {
        var c = text[i];
        if (IsTerminatorChar(c))
        {
            return true;
        }
        if (c != '.')
        {
            return false;
        }
        // '.' ends a sentence only before whitespace, a CJK character or the end, and not after an abbreviation.
        if (i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && !IsCjk(text[i + 1]))
        {
            return false;
        }
        if (i > 0 && char.IsAsciiDigit(text[i - 1]) && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
        {
            return false;
        }
        return !EndsWithAbbreviation(text, i);
    }

    private static bool EndsWithAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && (char.IsAsciiLetter(text[start - 1]) || text[start - 1] == '.'))
        {
            start--;
        }
        var word = text.AsSpan(start, dot - start);
        if (word.Length == 1 && char.IsAsciiLetterUpper(word[0]))
        {
            return true; // an initial: "J. Smith", "U.S."
        }
        return word.Contains('.') || word is "Mr" or "Mrs" or "Ms" or "Dr" or "No" or "vs" or "etc" or "e.g" or "i.e" or "St" or "Jr" or "Sen" or "Gov" or "Inc" or "Co" or "Corp";
    }

    private static bool IsTerminatorChar(char c) => c is '。' or '！' or '？' or '；' or '!' or '?' or ';' or '…' or '\n' or '｡';

    private static bool IsCloser(char c) => c is '”' or '’' or '」' or '』' or '）' or ')' or '】' or '"' or '\'' or '》';

    public static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}
