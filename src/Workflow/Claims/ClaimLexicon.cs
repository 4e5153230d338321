using System.Reflection;

namespace EditorialBot.Workflow.Claims;

/// <summary>
/// The cue lexicons and the entity gazetteer, read once from the embedded data files
/// (Resources/cues.txt, Resources/gazetteer.txt) so editors extend them without touching code.
/// </summary>
internal sealed class ClaimLexicon
{
    public const string Entity = "entity";

    private static readonly Lazy<ClaimLexicon> s_default = new(() => new ClaimLexicon(
        ReadResource("cues.txt"), ReadResource("gazetteer.txt")));

    public static ClaimLexicon Default => s_default.Value;

    public PhraseMatcher Matcher { get; }

    /// <summary>Every spelling of every gazetteer entity mapped to its canonical name.</summary>
    public IReadOnlyDictionary<string, string> EntityNames { get; }

    public ClaimLexicon(string cues, string gazetteer)
    {
        List<(string, string, string)> phrases = [];
        string? category = null;
        foreach (var (line, number) in Lines(cues))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                category = line[1..^1];
                continue;
            }
            if (category is null)
            {
                throw new FormatException($"cues.txt line {number}: a phrase before any [category] header.");
            }
            phrases.Add((line, category, line));
        }
        Dictionary<string, string> names = new(StringComparer.Ordinal);
        foreach (var (line, number) in Lines(gazetteer))
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0)
            {
                throw new FormatException($"gazetteer.txt line {number}: expected 'type<TAB>name|variant'.");
            }
            var spellings = line[(tab + 1)..].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var spelling in spellings)
            {
                phrases.Add((spelling, Entity, spellings[0]));
                names.TryAdd(spelling, spellings[0]);
            }
        }
        Matcher = new PhraseMatcher(phrases);
        EntityNames = names;
    }

    private static IEnumerable<(string Line, int Number)> Lines(string text)
    {
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                yield return (line, number);
            }
        }
    }

    internal static string ReadResource(string name)
    {
        var assembly = typeof(ClaimLexicon).Assembly;
        using var stream = assembly.GetManifestResourceStream($"EditorialBot.Workflow.Claims.Resources.{name}")
            ?? throw new InvalidOperationException($"Missing embedded resource {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
