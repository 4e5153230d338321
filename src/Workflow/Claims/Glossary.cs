namespace EditorialBot.Workflow.Claims;

/// <summary>
/// The house glossary (glossary.yaml): for each entity its canonical spelling, accepted aliases (NVIDIA for 英伟达)
/// and known wrong variants (升腾 for 昇腾). Context variants are common words that are only a wrong spelling
/// right before a model number (深层 910C).
/// </summary>
internal sealed record Glossary(IReadOnlyList<GlossaryEntry> Entries)
{
    public static Glossary Empty { get; } = new([]);
}

/// <summary>One glossary entity.</summary>
internal sealed record GlossaryEntry(
    string Canonical,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Variants,
    IReadOnlyList<string> ContextVariants);
