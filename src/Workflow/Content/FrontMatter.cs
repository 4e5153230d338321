using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace EditorialBot.Workflow.Content;

/// <summary>
/// Reads a note's front matter the way the site does (front-matter.md §6.1). Pure: bytes in, verdict out. Never throws
/// for bad input: a broken file comes back with <see cref="FrontMatterResult.Error"/> and is never a draft.
/// </summary>
internal static partial class FrontMatter
{
    /// <param name="fileBytes">The whole file, or its head up to the closing fence.</param>
    /// <param name="dialect">Whose reading decides "is a draft".</param>
    /// <param name="path">The file's path: Jekyll reads posts and drafts (<c>_posts</c>, <c>_drafts</c>) as documents, which strip a byte order mark.</param>
    public static FrontMatterResult Parse(ReadOnlySpan<byte> fileBytes, DraftDialect dialect = DraftDialect.Eleventy, string? path = null)
    {
        var fence = FrontMatterLocator.Locate(fileBytes, dotsClose: dialect == DraftDialect.Jekyll);
        List<string> warnings = [];
        var bomHides = false;
        if (fence.HasBom)
        {
            bomHides = dialect == DraftDialect.Jekyll && !IsJekyllDocument(path);
            warnings.Add(dialect != DraftDialect.Jekyll
                ? "line 1: the file starts with a UTF-8 byte order mark (Jekyll then reads no front matter outside _posts and _drafts)"
                : bomHides
                    ? "line 1: the file starts with a UTF-8 byte order mark: Jekyll reads no front matter in a page outside _posts and _drafts"
                    : "line 1: the file starts with a UTF-8 byte order mark (Jekyll strips it in _posts and _drafts)");
        }
        switch (fence.Kind)
        {
            case FenceKind.None:
                if (Utf16.Describe(fileBytes) is { } utf16)
                {
                    warnings.Add($"line 1: the file is {utf16} encoded: the site generators read no front matter in it (save it as UTF-8)");
                }
                if (fence.Note is { } note)
                {
                    if (dialect == DraftDialect.Hugo && (fence.Note.Contains("TOML", StringComparison.Ordinal) || fence.Note.Contains("JSON", StringComparison.Ordinal)))
                    {
                        // Hugo would read this front matter, and we cannot: say so rather than call it "not a draft".
                        return new FrontMatterResult { Error = new FrontMatterError("TOML/JSON front matter is not supported (Hugo reads it; only YAML is read here)", 1), Warnings = warnings };
                    }
                    warnings.Add(note);
                }
                return new FrontMatterResult { Warnings = warnings };
            case FenceKind.Unsupported:
            case FenceKind.Unclosed:
            case FenceKind.TooLarge:
                // An unclosed fence is no front matter to the generators: the file is not a draft (publish says so, exit 0).
                return new FrontMatterResult { Error = new FrontMatterError(fence.Problem!, 1) { MeansNotADraft = fence.Kind == FenceKind.Unclosed && !fence.LooseClose }, Warnings = warnings };
        }

        var yaml = fileBytes[fence.YamlStart..fence.YamlEnd];
        if (!System.Text.Unicode.Utf8.IsValid(yaml))
        {
            var bad = FirstInvalidUtf8(yaml);
            return Broken(fence, warnings, new FrontMatterError(
                $"front matter is not valid UTF-8 (byte 0x{yaml[bad]:X2})", FenceLocation.YamlFirstLine + yaml[..bad].Count((byte)'\n')));
        }
        var source = Encoding.UTF8.GetString(yaml);
        if (dialect == DraftDialect.Eleventy && JsYamlCharacters.FirstRefused(source) is { } refused)
        {
            return Broken(fence, warnings, new FrontMatterError(refused.Message, LineAt(source, refused.Index)));
        }
        var text = MaskYaml11Breaks(source, warnings);

        YamlNode? root;
        int explicitEnd;
        try
        {
            (root, explicitEnd) = YamlTreeReader.Read(text);
        }
        catch (FrontMatterSyntaxException ex)
        {
            return Broken(fence, warnings, new FrontMatterError(ex.Message, LineAt(source, ex.Index)));
        }
        catch (YamlException ex)
        {
            return Broken(fence, warnings, new FrontMatterError(
                "YAML error: " + PositionPrefix().Replace(ex.Message, ""), LineAt(source, (int)ex.Start.Index)));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Broken(fence, warnings, new FrontMatterError("YAML error: " + ex.Message, FenceLocation.YamlFirstLine));
        }

        var emptyDocument = new FrontMatterDocument
        {
            Fence = fence,
            Text = text,
            SourceText = source,
            Root = null,
            Entries = [],
            ExplicitEndIndex = explicitEnd,
            HasMergeKey = false,
        };
        if (root is null)
        {
            return Readable(fence, warnings, emptyDocument, dialect, bomHides);
        }
        if (root.Resolve() is not YamlMapping mapping)
        {
            // No keys, so no draft key: whatever the generators make of it, it is not a draft (e.g. a rule on line 1).
            return Broken(fence, warnings, new FrontMatterError("the front matter is not a 'key: value' mapping", LineAt(source, root.Start)) { MeansNotADraft = true });
        }
        if (YamlChecks.FirstProblem(root, source, dialect, warnings) is { } problem)
        {
            return Broken(fence, warnings, problem);
        }
        var (entries, hasMerge) = RootEntries(mapping);
        var document = new FrontMatterDocument
        {
            Fence = fence,
            Text = text,
            SourceText = source,
            Root = mapping,
            Entries = entries,
            ExplicitEndIndex = explicitEnd,
            HasMergeKey = hasMerge,
        };
        return Readable(fence, warnings, document, dialect, bomHides);
    }

    private static FrontMatterResult Broken(FenceLocation fence, List<string> warnings, FrontMatterError error) => new()
    {
        HasFrontMatter = true,
        Error = error,
        Warnings = warnings,
        BodyByteOffset = fence.BodyOffset,
        BodyStartLine = fence.BodyStartLine,
    };

    private static bool IsJekyllDocument(string? path)
    {
        if (path is null)
        {
            return false;
        }
        var normalized = path.Replace('\\', '/');
        return normalized.Contains("/_posts/", StringComparison.Ordinal) || normalized.Contains("/_drafts/", StringComparison.Ordinal)
            || normalized.StartsWith("_posts/", StringComparison.Ordinal) || normalized.StartsWith("_drafts/", StringComparison.Ordinal);
    }

    private static FrontMatterResult Readable(FenceLocation fence, List<string> warnings, FrontMatterDocument document, DraftDialect dialect, bool bomHides)
    {
        var draftEntry = document.Find("draft");
        var verdicts = new bool[DraftTruth.All.Length];
        for (var i = 0; i < verdicts.Length; i++)
        {
            var consumer = DraftTruth.All[i];
            var entry = consumer is DraftConsumer.Hugo or DraftConsumer.HugoGoccy ? DraftVerdicts.FindIgnoringCase(document, "draft") : draftEntry;
            verdicts[i] = DraftTruth.IsDraft(consumer, entry?.Value);
        }
        DraftVerdicts.AddWarnings(document, draftEntry, verdicts, warnings);

        return new FrontMatterResult
        {
            HasFrontMatter = true,
            // Jekyll does not see front matter behind a byte order mark in a page, so for it such a page is never a draft.
            IsDraft = verdicts[Array.IndexOf(DraftTruth.All, DraftTruth.ConsumerOf(dialect))] && !bomHides,
            Warnings = warnings,
            Title = ScalarText(document, "title"),
            Summary = ScalarText(document, "summary"),
            Status = ScalarText(document, "status"),
            Source = ScalarText(document, "source"),
            Speaker = ScalarText(document, "speaker"),
            Date = ScalarText(document, "date"),
            Tags = Tags(document),
            Draft = draftEntry is null ? null : document.Raw(draftEntry.Value),
            BodyByteOffset = fence.BodyOffset,
            BodyStartLine = fence.BodyStartLine,
            Document = document,
        };
    }

    private static string? ScalarText(FrontMatterDocument document, string key)
    {
        if (document.Find(key)?.Value.Resolve() is not YamlScalar scalar)
        {
            return null;
        }
        return scalar.IsPlain && scalar.Tag is null && scalar.Value is "" or "~" or "null" or "Null" or "NULL" ? null : scalar.Value;
    }

    private static IReadOnlyList<string> Tags(FrontMatterDocument document)
    {
        switch (document.Find("tags")?.Value.Resolve())
        {
            case YamlSequence sequence:
                var tags = new List<string>(sequence.Items.Count);
                foreach (var item in sequence.Items)
                {
                    if (item.Resolve() is YamlScalar { Value.Length: > 0 } scalar)
                    {
                        tags.Add(scalar.Value);
                    }
                }
                return tags;
            case YamlScalar { Value.Length: > 0 } single when !(single.IsPlain && single.Value is "~" or "null" or "Null" or "NULL"):
                return [single.Value];
            default:
                return [];
        }
    }

    /// <summary>The root keys as the site sees them: explicit keys in order, then keys a <c>&lt;&lt;</c> merge adds.</summary>
    private static (List<RootEntry> Entries, bool HasMerge) RootEntries(YamlMapping root)
    {
        var entries = new List<RootEntry>(root.Entries.Count);
        List<YamlNode>? merges = null;
        foreach (var (keyNode, value) in root.Entries)
        {
            if (IsMergeKey(keyNode))
            {
                (merges ??= []).Add(value);
                continue;
            }
            entries.Add(new RootEntry(KeyText(keyNode), keyNode, value, FromMerge: false));
        }
        if (merges is null)
        {
            return (entries, false);
        }
        var seen = new HashSet<string>(entries.Where(e => e.Key is not null).Select(e => e.Key!), StringComparer.Ordinal);
        foreach (var merge in merges)
        {
            var source = merge.Resolve();
            IEnumerable<YamlNode> sources = source is YamlSequence sequence ? sequence.Items : [source];
            foreach (var item in sources)
            {
                if (item.Resolve() is not YamlMapping mapping)
                {
                    continue;
                }
                foreach (var (keyNode, value) in mapping.Entries)
                {
                    if (KeyText(keyNode) is { } key && seen.Add(key))
                    {
                        entries.Add(new RootEntry(key, keyNode, value, FromMerge: true));
                    }
                }
            }
        }
        return (entries, true);
    }

    internal static bool IsMergeKey(YamlNode key) => key is YamlScalar { Value: "<<", IsPlain: true, Tag: null };

    internal static string? KeyText(YamlNode key) => key.Resolve() is YamlScalar scalar ? scalar.Value : null;

    /// <summary>
    /// YamlDotNet (YAML 1.1) treats U+2028, U+2029 and U+0085 as line breaks; js-yaml and Hugo do not. Parse a copy
    /// with them masked as spaces (same UTF-16 length, so positions still match the source).
    /// </summary>
    private static string MaskYaml11Breaks(string source, List<string> warnings)
    {
        var first = source.AsSpan().IndexOfAny('\u2028', '\u2029', '\u0085');
        if (first < 0)
        {
            return source;
        }
        var chars = source.ToCharArray();
        var count = 0;
        for (var i = first; i < chars.Length; i++)
        {
            if (chars[i] is '\u2028' or '\u2029' or '\u0085')
            {
                chars[i] = ' ';
                count++;
            }
        }
        warnings.Add($"line {LineAt(source, first)}: {count} Unicode line separator(s) (U+2028/U+2029/U+0085) in the front matter; read as spaces");
        return new string(chars);
    }

    internal static int LineAt(string source, int index) =>
        FenceLocation.YamlFirstLine + source.AsSpan(0, Math.Clamp(index, 0, source.Length)).Count('\n');

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }
            offset += consumed;
        }
        return 0;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
