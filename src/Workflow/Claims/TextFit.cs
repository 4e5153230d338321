namespace EditorialBot.Workflow.Claims;

/// <summary>
/// Length limits counted in Unicode code points (as Discord counts them), cutting only between code points:
/// never inside a surrogate pair, and (with <see cref="FitMarkdown"/>) never inside **, `, ~~ or a [link](url).
/// </summary>
internal static class TextFit
{
    public static int CodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>The longest prefix of at most <paramref name="maxCodePoints"/> code points.</summary>
    public static string Truncate(string text, int maxCodePoints)
    {
        if (maxCodePoints <= 0)
        {
            return "";
        }
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (count == maxCodePoints)
            {
                return text[..i];
            }
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            count++;
        }
        return text;
    }

    /// <summary>
    /// <paramref name="text"/> itself when it fits, else a prefix plus "…" of at most <paramref name="maxCodePoints"/>
    /// code points that leaves no Markdown marker or link half open.
    /// </summary>
    public static string FitMarkdown(string text, int maxCodePoints)
    {
        if (CodePoints(text) <= maxCodePoints)
        {
            return text;
        }
        var cut = Truncate(text, maxCodePoints - 1);
        string previous;
        do
        {
            previous = cut;
            cut = cut.TrimEnd('*', '_', '~', '`', '\\', '[', '(', ' ');
            var open = cut.LastIndexOf('[');
            if (open >= 0 && !HasClosedLink(cut, open))
            {
                cut = cut[..open];
            }
            foreach (var marker in (ReadOnlySpan<string>)["**", "~~", "__", "`"])
            {
                if (Occurrences(cut, marker) % 2 == 1)
                {
                    cut = cut[..cut.LastIndexOf(marker, StringComparison.Ordinal)];
                }
            }
        }
        while (cut != previous);
        return cut + "…";
    }

    /// <summary>A [ at <paramref name="open"/> that is plain text or a complete [text](url) within <paramref name="text"/>.</summary>
    private static bool HasClosedLink(string text, int open)
    {
        var close = text.IndexOf(']', open);
        if (close < 0)
        {
            return false;
        }
        if (close + 1 < text.Length && text[close + 1] == '(')
        {
            return text.IndexOf(')', close) >= 0;
        }
        return close + 1 < text.Length; // "[x]" at the very end might be a link cut before its (url)
    }

    private static int Occurrences(string text, string marker)
    {
        var count = 0;
        for (var i = text.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(marker, i + marker.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
