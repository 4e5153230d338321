using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EditorialBot.Workflow.Content;

/// <summary>A front matter problem at a UTF-16 index of the parsed text.</summary>
internal sealed class FrontMatterSyntaxException(string message, int index) : Exception(message)
{
    public int Index { get; } = index;
}

/// <summary>
/// Pulls YamlDotNet <see cref="Parser"/> events into a <see cref="YamlNode"/> tree, with the guards YamlDotNet 16
/// lacks: a nesting depth cap (checked before recursing, so no stack overflow) and an event cap. Never expands aliases.
/// </summary>
internal sealed class YamlTreeReader
{
    public const int MaxDepth = 64;
    public const int MaxEvents = 100_000;

    private readonly Scanner _scanner;
    private readonly Parser _parser;
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private int _events;
    /// <summary>Start indexes of the flow collections ('[' or '{') being read, innermost last, to place errors inside them.</summary>
    private readonly List<int> _openFlows = [];

    private readonly string _text;

    private YamlTreeReader(string text)
    {
        _text = text;
        _scanner = new Scanner(new StringReader(text), skipComments: true);
        _parser = new Parser(_scanner);
    }

    /// <summary>The document's root node (null for an empty document), and whether it ended with an explicit <c>...</c>.</summary>
    public static (YamlNode? Root, int ExplicitEndIndex) Read(string text)
    {
        var reader = new YamlTreeReader(text);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException ex) when (reader._openFlows.Count > 0 && ex.Message.Contains("flow", StringComparison.Ordinal))
        {
            // YamlDotNet reports an unclosed '[' where it gave up (often the end of the front matter); the opening is more useful.
            var open = reader._openFlows[^1];
            throw new FrontMatterSyntaxException($"the flow collection '{text[open]}' opened here is not closed properly ({ex.Message.TrimEnd('.')})", open);
        }
        catch (Exception ex) when (ex is not (YamlException or FrontMatterSyntaxException or OutOfMemoryException))
        {
            // YamlDotNet fails on some malformed input (an unclosed '[') with a bare InvalidOperationException.
            if (reader._openFlows.Count > 0)
            {
                var open = reader._openFlows[^1];
                throw new FrontMatterSyntaxException($"the flow collection '{text[open]}' opened here is never closed", open);
            }
            throw new FrontMatterSyntaxException("YAML syntax error", checked((int)reader._scanner.CurrentPosition.Index));
        }
    }

    private ParsingEvent Peek => _parser.Current ?? throw new FrontMatterSyntaxException("unexpected end of front matter", 0);

    private void Advance()
    {
        if (++_events > MaxEvents)
        {
            throw new FrontMatterSyntaxException($"front matter has more than {MaxEvents} YAML events", Index(Peek.Start));
        }
        if (!_parser.MoveNext())
        {
            throw new FrontMatterSyntaxException("unexpected end of front matter", Index(Peek.End));
        }
    }

    private (YamlNode? Root, int ExplicitEndIndex) ReadStream()
    {
        _parser.MoveNext();
        if (Peek is not StreamStart)
        {
            throw new FrontMatterSyntaxException("not a YAML stream", 0);
        }
        Advance();
        if (Peek is StreamEnd)
        {
            return (null, -1);
        }
        if (Peek is not DocumentStart)
        {
            throw new FrontMatterSyntaxException("expected a YAML document", Index(Peek.Start));
        }
        Advance();
        var root = ReadNode(1);
        if (Peek is not DocumentEnd documentEnd)
        {
            throw new FrontMatterSyntaxException("expected the end of the YAML document", Index(Peek.Start));
        }
        var explicitEnd = documentEnd.IsImplicit ? -1 : Index(documentEnd.Start);
        if (_parser.MoveNext() && _parser.Current is not StreamEnd)
        {
            throw new FrontMatterSyntaxException("front matter holds more than one YAML document", Index(_parser.Current!.Start));
        }
        return (root, explicitEnd);
    }

    private YamlNode ReadNode(int depth)
    {
        var current = Peek;
        if (depth > MaxDepth)
        {
            throw new FrontMatterSyntaxException($"nesting deeper than {MaxDepth} levels", Index(current.Start));
        }
        YamlNode node;
        switch (current)
        {
            case Scalar scalar:
                Advance();
                node = new YamlScalar
                {
                    Start = Index(scalar.Start),
                    End = Index(scalar.End),
                    Anchor = AnchorOf(scalar.Anchor),
                    Tag = TagOf(scalar.Tag),
                    Value = scalar.Value,
                    Style = scalar.Style,
                };
                break;
            case AnchorAlias alias:
                Advance();
                var name = alias.Value.Value;
                if (!_anchors.TryGetValue(name, out var target))
                {
                    throw new FrontMatterSyntaxException($"alias *{name} names no anchor defined before it", Index(alias.Start));
                }
                return new YamlAlias { Start = Index(alias.Start), End = Index(alias.End), Name = name, Target = target };
            case SequenceStart sequenceStart:
                {
                    Advance();
                    var flow = sequenceStart.Style == SequenceStyle.Flow;
                    if (flow)
                    {
                        _openFlows.Add(Index(sequenceStart.Start));
                    }
                    var items = new List<YamlNode>();
                    while (Peek is not SequenceEnd)
                    {
                        items.Add(ReadNode(depth + 1));
                    }
                    var end = Peek;
                    Advance();
                    if (flow)
                    {
                        _openFlows.RemoveAt(_openFlows.Count - 1);
                    }
                    node = new YamlSequence
                    {
                        Start = Index(sequenceStart.Start),
                        End = FlowEnd(end, ']'),
                        Anchor = AnchorOf(sequenceStart.Anchor),
                        Tag = TagOf(sequenceStart.Tag),
                        Items = items,
                        IsFlow = sequenceStart.Style == SequenceStyle.Flow,
                    };
                    break;
                }
            case MappingStart mappingStart:
                {
                    Advance();
                    var flow = mappingStart.Style == MappingStyle.Flow;
                    if (flow)
                    {
                        _openFlows.Add(Index(mappingStart.Start));
                    }
                    var entries = new List<KeyValuePair<YamlNode, YamlNode>>();
                    while (Peek is not MappingEnd)
                    {
                        var key = ReadNode(depth + 1);
                        var value = ReadNode(depth + 1);
                        entries.Add(new(key, value));
                    }
                    var end = Peek;
                    Advance();
                    if (flow)
                    {
                        _openFlows.RemoveAt(_openFlows.Count - 1);
                    }
                    node = new YamlMapping
                    {
                        Start = Index(mappingStart.Start),
                        End = FlowEnd(end, '}'),
                        Anchor = AnchorOf(mappingStart.Anchor),
                        Tag = TagOf(mappingStart.Tag),
                        Entries = entries,
                        IsFlow = mappingStart.Style == MappingStyle.Flow,
                    };
                    break;
                }
            default:
                throw new FrontMatterSyntaxException($"unexpected YAML event {current.GetType().Name}", Index(current.Start));
        }
        if (node.Anchor is { } anchor)
        {
            _anchors[anchor] = node;
        }
        return node;
    }

    /// <summary>YamlDotNet marks a flow collection's end event at its closing bracket, not after it.</summary>
    private int FlowEnd(ParsingEvent end, char bracket)
    {
        var index = Index(end.Start);
        return index < _text.Length && _text[index] == bracket ? index + 1 : Index(end.End);
    }

    private static int Index(Mark mark) => checked((int)mark.Index);

    private static string? AnchorOf(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

    private static string? TagOf(TagName tag) => tag.IsEmpty ? null : tag.Value;
}
