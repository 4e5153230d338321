namespace EditorialBot.Workflow.Content;

internal enum FenceKind
{
    /// <summary>The file does not start with a front matter fence: no front matter.</summary>
    None,
    /// <summary>Opening and closing <c>---</c> lines found.</summary>
    Closed,
    /// <summary>An opening fence without a closing line.</summary>
    Unclosed,
    /// <summary>No closing line within the size cap.</summary>
    TooLarge,
    /// <summary>A first line that starts like a fence but is not YAML front matter (<c>---js</c>, <c>--- text</c>).</summary>
    Unsupported,
}

/// <summary>Where the front matter is in the file's bytes. Lines are 1-based file lines.</summary>
internal readonly record struct FenceLocation(
    FenceKind Kind,
    bool HasBom,
    int YamlStart,
    int YamlEnd,
    int BodyOffset,
    int BodyStartLine,
    string? Problem,
    string? Note)
{
    /// <summary>
    /// Unclosed, but a later line starts with <c>---</c> and more text: gray-matter (Eleventy) closes the front matter
    /// there, so the file may well be a draft to the site.
    /// </summary>
    public bool LooseClose { get; init; }

    /// <summary>The YAML text starts on line 2 (line 1 is the opening fence).</summary>
    public const int YamlFirstLine = 2;
}

/// <summary>
/// Finds front matter the way Eleventy (gray-matter) does, tightened to the contract: the file starts (after an
/// optional UTF-8 BOM) with a line that is exactly <c>---</c>, and a later line is exactly <c>---</c>; trailing spaces
/// and tabs are allowed on both, line endings are <c>\n</c> or <c>\r\n</c>. Jekyll also closes on a <c>...</c> line
/// (its <c>YAML_FRONT_MATTER_REGEXP</c>), so <c>dotsClose</c> accepts that for its dialect.
/// </summary>
internal static class FrontMatterLocator
{
    public const int MaxFrontMatterBytes = 64 * 1024;

    public static FenceLocation Locate(ReadOnlySpan<byte> bytes, bool dotsClose = false)
    {
        var hasBom = bytes.StartsWith("\uFEFF"u8);
        var start = hasBom ? 3 : 0;
        var firstEnd = LineEnd(bytes, start, out var firstNext);
        var first = TrimLine(bytes[start..firstEnd]);

        if (!first.StartsWith("---"u8))
        {
            return new FenceLocation(FenceKind.None, hasBom, 0, 0, 0, 1, null, NoteForNonFence(bytes, start, first));
        }
        if (first.Length > 3)
        {
            if (first[3] == (byte)'-')
            {
                // gray-matter: a fourth dash makes it a Markdown rule, not a fence.
                return new FenceLocation(FenceKind.None, hasBom, 0, 0, 0, 1, null, null);
            }
            var rest = System.Text.Encoding.UTF8.GetString(first[3..]).Trim();
            return new FenceLocation(FenceKind.Unsupported, hasBom, 0, 0, 0, 1,
                $"the opening line '---{rest}' is not a plain '---' fence (only YAML front matter is supported)", null);
        }
        if (firstNext < 0)
        {
            return new FenceLocation(FenceKind.Unclosed, hasBom, bytes.Length, bytes.Length, bytes.Length, 2,
                "front matter opened on line 1 is never closed by a '---' line", null);
        }

        var yamlStart = firstNext;
        var line = 2;
        var pos = yamlStart;
        while (pos < bytes.Length)
        {
            if (pos - yamlStart > MaxFrontMatterBytes)
            {
                return new FenceLocation(FenceKind.TooLarge, hasBom, yamlStart, yamlStart, yamlStart, 2,
                    $"no closing '---' line within the first {MaxFrontMatterBytes / 1024} KiB of front matter (too large or never closed)", null);
            }
            var end = LineEnd(bytes, pos, out var next);
            var fence = TrimLine(bytes[pos..end]);
            if (fence.SequenceEqual("---"u8) || (dotsClose && fence.SequenceEqual("..."u8)))
            {
                var body = next < 0 ? bytes.Length : next;
                return new FenceLocation(FenceKind.Closed, hasBom, yamlStart, pos, body, line + 1, null, null);
            }
            if (next < 0)
            {
                break;
            }
            pos = next;
            line++;
        }
        return new FenceLocation(FenceKind.Unclosed, hasBom, yamlStart, yamlStart, yamlStart, 2,
            "front matter opened on line 1 is never closed by a '---' line", null)
        { LooseClose = HasLooseClose(bytes, yamlStart) };
    }

    private static bool HasLooseClose(ReadOnlySpan<byte> bytes, int pos)
    {
        while (pos >= 0 && pos < bytes.Length)
        {
            var end = LineEnd(bytes, pos, out var next);
            if (bytes[pos..end].StartsWith("---"u8))
            {
                return true;
            }
            pos = next;
        }
        return false;
    }

    /// <summary>End of the line content starting at <paramref name="pos"/> (before \r\n or \n); next = start of the next line or -1.</summary>
    internal static int LineEnd(ReadOnlySpan<byte> bytes, int pos, out int next)
    {
        var nl = bytes[pos..].IndexOf((byte)'\n');
        if (nl < 0)
        {
            next = -1;
            return bytes.Length;
        }
        next = pos + nl + 1;
        var end = pos + nl;
        return end > pos && bytes[end - 1] == (byte)'\r' ? end - 1 : end;
    }

    private static ReadOnlySpan<byte> TrimLine(ReadOnlySpan<byte> line) => line.TrimEnd(" \t"u8);

    private static string? NoteForNonFence(ReadOnlySpan<byte> bytes, int start, ReadOnlySpan<byte> first)
    {
        if (first.SequenceEqual("+++"u8))
        {
            return "line 1: TOML front matter ('+++'): Eleventy reads no front matter here, Hugo reads TOML";
        }
        // Hugo's JSON front matter; not a template line such as '{% include %}' or '{{ title }}'.
        if (first.SequenceEqual("{"u8) || first.StartsWith("{\""u8))
        {
            return "line 1: JSON front matter ('{'): Eleventy reads no front matter here, Hugo reads JSON";
        }
        // A fence after leading blank lines: gray-matter ignores it, some tools do not.
        var pos = start;
        var line = 1;
        while (pos >= 0 && pos < bytes.Length && line <= 50)
        {
            var end = LineEnd(bytes, pos, out var next);
            var content = TrimLine(bytes[pos..end]).Trim(" \t"u8);
            if (content.Length > 0)
            {
                return line > 1 && content.SequenceEqual("---"u8)
                    ? $"line {line}: '---' is not at the start of the file, so Eleventy reads no front matter (other tools may)"
                    : null;
            }
            pos = next;
            line++;
        }
        return null;
    }
}
