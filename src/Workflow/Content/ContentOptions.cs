using EditorialBot.Storage.Configuration;

namespace EditorialBot.Workflow.Content;

/// <summary>Configuration section <c>Content</c>: where the notes are, whose rules decide "is a draft", and how they are read and linked.</summary>
internal sealed class ContentOptions : IValidatedOptions
{
    public const string DefaultRoot = "samples/content";
    public const string RootKey = "Content:Root";

    public static string Section => "Content";

    /// <summary>The folder of episode notes, searched recursively; relative to the working folder.</summary>
    public string Root { get; set; } = DefaultRoot;

    /// <summary><c>eleventy</c> (or <c>11ty</c>), <c>hugo</c> or <c>jekyll</c>.</summary>
    public string Dialect { get; set; } = "eleventy";

    /// <summary>
    /// Note file extensions (a list, <c>Content:Extensions:0=.md</c>, or one comma-separated value); empty: the
    /// defaults (<see cref="ContentTree.DefaultExtensions"/>).
    /// </summary>
    public List<string> Extensions { get; set; } = [];

    /// <summary>Notes larger than this are tracked and published but not read for claims or the summary.</summary>
    public long MaxNoteBytes { get; set; } = NoteFile.DefaultMaxBytes;

    /// <summary>The forge's file view with <c>{path}</c> and <c>{line}</c>, for links from claims to their lines (<see cref="LineLinks"/>).</summary>
    public string BrowseUrl { get; set; } = "";

    public string FullRoot => Path.GetFullPath(Root);

    public DraftDialect DraftDialect => DraftDialects.Parse(Dialect);

    /// <summary>The extensions as the tree walk takes them (each with its dot); null: the defaults.</summary>
    public IReadOnlyList<string>? NoteExtensions
    {
        get
        {
            var values = Extensions.Select(static e => e.Trim()).Where(static e => e.Length > 0).ToArray();
            return values.Length == 0 ? null : [.. values.Select(static e => e.StartsWith('.') ? e : "." + e)];
        }
    }

    public LineLinks Links => new(BrowseUrl);

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
        if (MaxNoteBytes < 1024)
        {
            yield return $"Content:MaxNoteBytes is {MaxNoteBytes}: set it to a whole number of bytes, at least 1024, such as {NoteFile.DefaultMaxBytes} (8 MiB).";
        }
        if (LineLinks.Check(BrowseUrl) is { } problem)
        {
            yield return problem;
        }
    }
}
