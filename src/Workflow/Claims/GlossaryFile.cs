using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace EditorialBot.Workflow.Claims;

/// <summary>
/// Reads glossary.yaml: a list of entries with <c>canonical</c>, optional <c>aliases</c> (accepted spellings),
/// <c>variants</c> (wrong spellings) and <c>context_variants</c> (wrong only before a model number).
/// </summary>
internal static class GlossaryFile
{
    private sealed class EntryDto
    {
        public string? Canonical { get; set; }
        public List<string>? Aliases { get; set; }
        public List<string>? Variants { get; set; }
        public List<string>? ContextVariants { get; set; }
    }

    private static readonly IDeserializer s_deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static Glossary Parse(string yaml, string path)
    {
        List<EntryDto>? dtos;
        try
        {
            dtos = s_deserializer.Deserialize<List<EntryDto>>(yaml);
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{path}:{ex.Start.Line}: invalid glossary: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        List<GlossaryEntry> entries = [];
        var index = 0;
        foreach (var dto in dtos ?? [])
        {
            index++;
            if (string.IsNullOrWhiteSpace(dto.Canonical))
            {
                throw new FormatException($"{path}: entry {index} has no 'canonical' name.");
            }
            entries.Add(new GlossaryEntry(dto.Canonical.Trim(), Clean(dto.Aliases), Clean(dto.Variants), Clean(dto.ContextVariants)));
        }
        return new Glossary(entries);
    }

    private static string[] Clean(List<string>? names) =>
        names is null ? [] : [.. names.Where(static n => !string.IsNullOrWhiteSpace(n)).Select(static n => n.Trim())];
}
