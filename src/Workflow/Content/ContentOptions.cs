using EditorialBot.Storage.Configuration;

namespace EditorialBot.Workflow.Content;

/// <summary>Configuration section <c>Content</c>: where the notes are and whose rules decide "is a draft".</summary>
internal sealed class ContentOptions : IValidatedOptions
{
    public const string DefaultRoot = "samples/content";
    public const string RootKey = "Content:Root";

    public static string Section => "Content";

    /// <summary>The folder of episode notes, searched recursively; relative to the working folder.</summary>
    public string Root { get; set; } = DefaultRoot;

    /// <summary><c>eleventy</c> (or <c>11ty</c>), <c>hugo</c> or <c>jekyll</c>.</summary>
    public string Dialect { get; set; } = "eleventy";

    public string FullRoot => Path.GetFullPath(Root);

    public DraftDialect DraftDialect => DraftDialects.Parse(Dialect);

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Root))
        {
            yield return $"Content:Root is empty: set it to the folder of episode notes, such as {DefaultRoot}.";
        }
        if (!DraftDialects.TryParse(Dialect, out _))
        {
            yield return $"Content:Dialect '{Dialect}' is not one of eleventy, hugo, jekyll: set it to the site generator that builds the notes.";
        }
    }
}
