namespace EditorialBot.Workflow.Content;

/// <summary>One note of a scan: the file and what its front matter says.</summary>
internal sealed record ScanEntry(ContentFile File, FrontMatterResult FrontMatter);

/// <summary>Reads the front matter of every note under a root, in parallel, reading each file only up to its closing fence.</summary>
internal static class ContentScanner
{
    public static IReadOnlyList<ScanEntry> Scan(string root, DraftDialect dialect, IReadOnlyList<string>? extensions = null)
    {
        var dataFiles = new List<ContentFile>();
        var files = ContentTree.Walk(root, dataFiles, extensions);
        var cascade = dialect == DraftDialect.Eleventy ? new DataCascade(dataFiles) : null;
        var entries = new ScanEntry[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            // The parsed tree and text are only needed for editing; dropping them keeps a 10,000-note scan small.
            var result = files[i].Problem is { } problem
                ? new FrontMatterResult { Error = new FrontMatterError(problem, 1) }
                : Read(files[i].FullPath, dialect) with { Document = null };
            if (cascade is { IsEmpty: false } && result.Draft is null && cascade.WarningsFor(files[i].RelativePath) is { Count: > 0 } cascadeWarnings)
            {
                result = result with { Warnings = [.. result.Warnings, .. cascadeWarnings] };
            }
            entries[i] = new ScanEntry(files[i], result);
        });
        return entries;
    }

    /// <summary>The front matter of one file; an unreadable file is reported like a broken one, never thrown.</summary>
    public static FrontMatterResult Read(string fullPath, DraftDialect dialect)
    {
        try
        {
            return NoteFile.ReadFrontMatter(fullPath, dialect);
        }
        catch (NotARegularFileException)
        {
            return new FrontMatterResult { Warnings = ["line 1: not a regular file (a FIFO, socket or device): skipped"] };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new FrontMatterResult { Error = new FrontMatterError($"cannot read the file: {ex.Message}", 1) };
        }
    }
}
