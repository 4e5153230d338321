using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EditorialBot.Workflow.Claims;

/// <summary>A run of prose from one Markdown block, with the file line of every character run.</summary>
internal sealed record TextUnit(string Text, int[] LineStarts, int[] Lines, bool IsHeading, bool HasLink)
{
    /// <summary>1-based file line of the character at <paramref name="offset"/>.</summary>
    public int LineAt(int offset)
    {
        var index = Array.BinarySearch(LineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }
        return Lines[Math.Max(0, index)];
    }
}

/// <summary>
/// Turns a Markdown file into prose units: paragraphs, headings, list items, quotes and table cells. Code,
/// HTML, front matter and image alt text are skipped; emphasis and link markers are dropped, link text is kept.
/// </summary>
internal static class MarkdownUnits
{
    // CJK-friendly emphasis: plain CommonMark leaves "**10%**左右" as literal asterisks because the closing
    // run sits between punctuation and a CJK letter; our notes bold numbers like that all the time.
    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UseCjkFriendlyEmphasis()
        .UsePipeTables()
        .Build();

    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, s_pipeline);

    public static List<TextUnit> Read(string markdown) => Read(Parse(markdown));

    public static List<TextUnit> Read(MarkdownDocument document)
    {
        List<TextUnit> units = [];
        var builder = new UnitBuilder();
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block is not (ParagraphBlock or HeadingBlock) || block.Inline is null)
            {
                continue;
            }
            builder.Reset();
            builder.AppendInlines(block.Inline, block.Line + 1);
            if (builder.HasText)
            {
                units.Add(builder.Build(block is HeadingBlock));
            }
        }
        return units;
    }

    private sealed class UnitBuilder
    {
        private readonly StringBuilder _text = new();
        private readonly List<int> _starts = [];
        private readonly List<int> _lines = [];
        private bool _hasLink;

        public bool HasText
        {
            get
            {
                for (var i = 0; i < _text.Length; i++)
                {
                    if (!char.IsWhiteSpace(_text[i]))
                    {
                        return true;
                    }
                }
                return false;
            }
        }

        public void Reset()
        {
            _text.Clear();
            _starts.Clear();
            _lines.Clear();
            _hasLink = false;
        }

        public TextUnit Build(bool isHeading) => new(_text.ToString(), [.. _starts], [.. _lines], isHeading, _hasLink);

        public void AppendInlines(ContainerInline container, int fallbackLine)
        {
            for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
            {
                var line = inline.Line >= 0 ? inline.Line + 1 : fallbackLine;
                switch (inline)
                {
                    case LiteralInline literal:
                        Append(literal.Content.ToString(), line);
                        break;
                    case CodeInline code:
                        Append(code.Content, line);
                        break;
                    case LineBreakInline:
                        Append("\n", line);
                        break;
                    case LinkInline { IsImage: true }:
                        break;
                    case LinkInline link:
                        _hasLink = true;
                        AppendInlines(link, line);
                        break;
                    case AutolinkInline autolink:
                        _hasLink = true;
                        Append(autolink.Url, line);
                        break;
                    case HtmlEntityInline entity:
                        Append(entity.Transcoded.ToString(), line);
                        break;
                    case HtmlInline:
                        break;
                    case ContainerInline inner:
                        AppendInlines(inner, line);
                        break;
                }
            }
        }

        private void Append(string text, int line)
        {
            if (text.Length == 0)
            {
                return;
            }
            if (_lines.Count == 0 || _lines[^1] != line)
            {
                _starts.Add(_text.Length);
                _lines.Add(line);
            }
            _text.Append(text);
        }
    }
}
