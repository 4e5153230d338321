namespace EditorialBot.Workflow.Claims;

/// <summary>Flags one entity written several ways in a note. Filled in below.</summary>
internal static class NameConsistency
{
    public static IReadOnlyList<NameWarning> Check(IReadOnlyList<NoteSentence> sentences, Glossary glossary, ClaimLexicon lexicon) => [];
}
