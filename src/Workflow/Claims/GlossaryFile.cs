using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EditorialBot.Workflow.Claims;

/// <summary>
/// Reads glossary.yaml: a list of entries with <c>canonical</c>, optional <c>aliases</c> (accepted spellings),
/// <c>variants</c> (wrong spellings) and <c>context_variants</c> (wrong only before a model number). Read from YamlDotNet's
/// parser events, as the front matter is: its reflection-based deserializer cost each sweeping process ~30 ms to warm up.
/// </summary>
internal static class GlossaryFile
{
    public static Glossary Parse(string yaml, string path)
    {
        try
        {
            return new Glossary(ReadEntries(new Parser(new StringReader(yaml)), path));
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{path}:{ex.Start.Line}: invalid glossary: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }

    private static List<GlossaryEntry> ReadEntries(IParser parser, string path)
    {
        List<GlossaryEntry> entries = [];
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return entries;
        }
        parser.Consume<DocumentStart>();
        if (parser.Accept<Scalar>(out var empty) && empty.Value.Length == 0)
        {
            return entries;
        }
        parser.Consume<SequenceStart>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            var start = parser.Consume<MappingStart>().Start;
            string? canonical = null;
            string[] aliases = [], variants = [], contextVariants = [];
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>();
                switch (key.Value)
                {
                    case "canonical":
                        canonical = parser.Consume<Scalar>().Value;
                        break;
                    case "aliases":
                        aliases = ReadNames(parser);
                        break;
                    case "variants":
                        variants = ReadNames(parser);
                        break;
                    case "context_variants":
                        contextVariants = ReadNames(parser);
                        break;
                    default:
                        throw new YamlException(key.Start, key.End, $"unknown key '{key.Value}' (expected canonical, aliases, variants or context_variants)");
                }
            }
            if (string.IsNullOrWhiteSpace(canonical))
            {
                throw new FormatException($"{path}:{start.Line}: entry {entries.Count + 1} has no 'canonical' name.");
            }
            entries.Add(new GlossaryEntry(canonical.Trim(), aliases, variants, contextVariants));
        }
        return entries;
    }

    /// <summary>A list of names (<c>[a, b]</c> or one per line), or one name; blanks dropped, each trimmed.</summary>
    private static string[] ReadNames(IParser parser)
    {
        if (parser.TryConsume<Scalar>(out var single))
        {
            return string.IsNullOrWhiteSpace(single.Value) ? [] : [single.Value.Trim()];
        }
        List<string> names = [];
        parser.Consume<SequenceStart>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            var name = parser.Consume<Scalar>().Value;
            if (!string.IsNullOrWhiteSpace(name))
            {
                names.Add(name.Trim());
            }
        }
        return [.. names];
    }
}
