namespace EditorialBot.Workflow.Content;

/// <summary>A front matter problem, with the 1-based line in the file.</summary>
internal sealed record FrontMatterError(string Message, int Line)
{
    /// <summary>The problem leaves no front matter the generators could read a <c>draft</c> from: the file is simply not a draft.</summary>
    public bool MeansNotADraft { get; init; }

    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>One key of the root mapping as the site sees it (explicit, or provided by a <c>&lt;&lt;</c> merge).</summary>
internal sealed record RootEntry(string? Key, YamlNode KeyNode, YamlNode Value, bool FromMerge);

/// <summary>What <see cref="FrontMatter.Parse"/> read: the verdict, the values editors see, and where the body starts.</summary>
internal sealed record FrontMatterResult
{
    /// <summary>The file starts with a closed <c>---</c> block (it may still hold a YAML error).</summary>
    public bool HasFrontMatter { get; init; }
    /// <summary>A draft for the configured dialect. Never true when <see cref="Error"/> is set.</summary>
    public bool IsDraft { get; init; }
    public FrontMatterError? Error { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public string? Title { get; init; }
    public string? Summary { get; init; }
    public string? Status { get; init; }
    public string? Source { get; init; }
    public string? Speaker { get; init; }
    public string? Date { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>The <c>draft</c> value exactly as written (<c>true</c>, <c>"false"</c>, <c>[x]</c>), or null when absent.</summary>
    public string? Draft { get; init; }

    /// <summary>Byte offset of the body: just after the closing fence's line ending (0 without front matter).</summary>
    public int BodyByteOffset { get; init; }
    /// <summary>1-based file line of the first body line.</summary>
    public int BodyStartLine { get; init; } = 1;

    /// <summary>The parsed document with positions, for the editor; null without readable front matter.</summary>
    internal FrontMatterDocument? Document { get; init; }
}

/// <summary>The parsed front matter with the position maps the byte-splicing editor needs.</summary>
internal sealed class FrontMatterDocument
{
    public required FenceLocation Fence { get; init; }
    /// <summary>The YAML text as parsed (U+2028, U+2029, U+0085 masked as spaces; same UTF-16 length as the source).</summary>
    public required string Text { get; init; }
    /// <summary>The source text before masking, to take raw tokens from.</summary>
    public required string SourceText { get; init; }
    public required YamlMapping? Root { get; init; }
    public required IReadOnlyList<RootEntry> Entries { get; init; }
    /// <summary>UTF-16 index of an explicit <c>...</c> document end marker, or -1.</summary>
    public required int ExplicitEndIndex { get; init; }
    public required bool HasMergeKey { get; init; }

    /// <summary>File byte offset of a UTF-16 index of <see cref="Text"/>.</summary>
    public int ByteAt(int index) => Fence.YamlStart + System.Text.Encoding.UTF8.GetByteCount(SourceText.AsSpan(0, index));

    /// <summary>1-based file line of a UTF-16 index of <see cref="Text"/>.</summary>
    public int LineAt(int index) => FenceLocation.YamlFirstLine + SourceText.AsSpan(0, Math.Min(index, SourceText.Length)).Count('\n');

    public string Raw(YamlNode node) => SourceText[node.Start..node.End];

    /// <summary>The last explicit or merged entry whose key is exactly <paramref name="key"/>.</summary>
    public RootEntry? Find(string key)
    {
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (Entries[i].Key == key)
            {
                return Entries[i];
            }
        }
        return null;
    }
}
