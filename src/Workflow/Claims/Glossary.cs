namespace EditorialBot.Workflow.Claims;

/// <summary>
/// The house glossary (glossary.yaml): for each entity its canonical spelling, accepted aliases (NVIDIA for 英伟达)
/// and known wrong variants (升腾 for 昇腾). Context variants are common words that are only a wrong spelling
/// right before a model number (深层 910C).
/// </summary>
internal sealed record Glossary(IReadOnlyList<GlossaryEntry> Entries)
{
    public const string Canonical = "canonical";
    public const string Alias = "alias";
    public const string Variant = "variant";
    public const string ContextVariant = "context";

    public static Glossary Empty { get; } = new([]);

    private PhraseMatcher? _matcher;

    /// <summary>
    /// Every spelling of every entry in one matcher (category = kind, canonical = entry index), so a note is
    /// scanned once instead of once per spelling.
    /// </summary>
    internal PhraseMatcher Matcher => _matcher ??= new PhraseMatcher(Entries.SelectMany(static (e, i) =>
    {
        var index = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new[] { (e.Canonical, Canonical, index) }
            .Concat(e.Aliases.Select(a => (a, Alias, index)))
            .Concat(e.Variants.Select(v => (v, Variant, index)))
            .Concat(e.ContextVariants.Select(v => (v, ContextVariant, index)));
    }));
}

/// <summary>One glossary entity.</summary>
internal sealed record GlossaryEntry(
    string Canonical,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Variants,
    IReadOnlyList<string> ContextVariants);
