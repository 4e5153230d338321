using System.IO.Enumeration;

namespace EditorialBot.Workflow.Content;

/// <summary>
/// One note file found under the content root: what a stat returns, nothing read yet. <see cref="Problem"/> says why it
/// cannot be read as a note (a symlink leaving the root, a symlink loop); such a file is reported, never a draft.
/// </summary>
internal sealed record ContentFile(string RelativePath, string FullPath, long Length, DateTime LastWriteTimeUtc)
{
    public string? Problem { get; init; }
}

/// <summary>Walks the content root for note files, the way the site generators see them.</summary>
internal static class ContentTree
{
    /// <summary>Default of <c>Content:Extensions</c>: Markdown, and R Markdown sources (blogdown).</summary>
    public static readonly IReadOnlyList<string> DefaultExtensions = [".md", ".markdown", ".Rmd", ".Rmarkdown"];

    private static readonly EnumerationOptions s_options = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>
    /// Every note file (<paramref name="extensions"/>, default <see cref="DefaultExtensions"/>, case-insensitive) under
    /// <paramref name="root"/>, ordered by relative path (ordinal), skipping hidden folders, <c>node_modules</c>, the
    /// generators' output folders and the <c>.md</c>/<c>.html</c> that blogdown renders from an R Markdown source. Only a
    /// directory walk: no note is opened.
    /// </summary>
    public static IReadOnlyList<ContentFile> Enumerate(string root, IReadOnlyList<string>? extensions = null) => Walk(root, dataFiles: null, extensions);

    /// <summary>
    /// <see cref="Enumerate"/>, also collecting Eleventy data files (<c>*.11tydata.json</c>, <c>.js</c>, <c>.cjs</c>,
    /// <c>.mjs</c>, <c>.yaml</c>) in the same walk: they can set <c>draft</c> for notes through the data cascade.
    /// </summary>
    public static IReadOnlyList<ContentFile> Walk(string root, List<ContentFile>? dataFiles, IReadOnlyList<string>? extensions = null)
    {
        var fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
        {
            throw new DirectoryNotFoundException($"Content folder not found: {root}");
        }
        var noteExtensions = extensions is { Count: > 0 } ? extensions : DefaultExtensions;
        var realRoot = SafeRealPath(fullRoot) ?? fullRoot;
        var outputs = GeneratorOutput.Folders(fullRoot);
        var prefixLength = Path.TrimEndingDirectorySeparator(fullRoot).Length + 1;
        var walk = new FileSystemEnumerable<ContentFile>(
            fullRoot,
            (ref FileSystemEntry entry) =>
            {
                var full = entry.ToFullPath();
                var relative = full.Substring(prefixLength);
                if (Path.DirectorySeparatorChar != '/')
                {
                    relative = relative.Replace(Path.DirectorySeparatorChar, '/');
                }
                return (entry.Attributes & FileAttributes.ReparsePoint) != 0
                    ? Linked(relative, full, realRoot)
                    : new ContentFile(relative, full, entry.Length, entry.LastWriteTimeUtc.UtcDateTime);
            },
            s_options)
        {
            // Linked folders are not followed: they can loop, and their notes may live outside the root.
            ShouldRecursePredicate = (ref FileSystemEntry entry) =>
                !IsSkippedFolder(entry.FileName) && (entry.Attributes & FileAttributes.ReparsePoint) == 0
                && (outputs.Count == 0 || !outputs.Contains(entry.ToFullPath())),
            ShouldIncludePredicate = dataFiles is null
                ? (ref FileSystemEntry entry) => !entry.IsDirectory && IsNote(entry.FileName, noteExtensions)
                : (ref FileSystemEntry entry) => !entry.IsDirectory && (IsNote(entry.FileName, noteExtensions) || IsEleventyData(entry.FileName)),
        };
        var files = new List<ContentFile>(walk);
        if (dataFiles is not null)
        {
            dataFiles.AddRange(files.Where(f => IsEleventyData(Path.GetFileName(f.RelativePath.AsSpan()))));
            files.RemoveAll(f => IsEleventyData(Path.GetFileName(f.RelativePath.AsSpan())));
        }
        RemoveRenderedSiblings(files);
        files.Sort(static (a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    /// <summary>A symlinked note: its target's size and time (or an edit to the target goes unnoticed), or why it is no note.</summary>
    private static ContentFile Linked(string relative, string full, string realRoot)
    {
        string? real;
        try
        {
            real = ContentPath.RealPath(full);
        }
        catch (IOException ex)
        {
            return new ContentFile(relative, full, 0, DateTime.MinValue) { Problem = $"the symlink cannot be followed: {ex.Message}" };
        }
        if (real is null)
        {
            // Dangling: reading it reports the missing target.
            return new ContentFile(relative, full, 0, DateTime.MinValue);
        }
        var target = new FileInfo(real);
        var file = new ContentFile(relative, full, target.Exists ? target.Length : 0, target.Exists ? target.LastWriteTimeUtc : DateTime.MinValue);
        return ContentPath.IsInside(realRoot, real)
            ? file
            : file with { Problem = $"the symlink leads to {real}, outside the content folder: it cannot be reviewed or published here" };
    }

    private static string? SafeRealPath(string path)
    {
        try
        {
            return ContentPath.RealPath(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// blogdown renders <c>post.Rmd</c> to <c>post.html</c> (or <c>post.md</c>) and <c>post.Rmarkdown</c> to
    /// <c>post.markdown</c>: the source is the note, its output is not a second one.
    /// </summary>
    private static void RemoveRenderedSiblings(List<ContentFile> files)
    {
        HashSet<string>? sources = null;
        foreach (var file in files)
        {
            if (IsRSource(file.RelativePath))
            {
                (sources ??= new(StringComparer.Ordinal)).Add(Stem(file.RelativePath));
            }
        }
        if (sources is not null)
        {
            files.RemoveAll(f => !IsRSource(f.RelativePath) && sources.Contains(Stem(f.RelativePath))
                && Path.GetExtension(f.RelativePath).ToLowerInvariant() is ".md" or ".markdown" or ".html" or ".htm");
        }
    }

    private static bool IsRSource(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".rmd" or ".rmarkdown";

    private static string Stem(string relativePath) => relativePath[..^Path.GetExtension(relativePath).Length];

    internal static bool IsSkippedFolder(ReadOnlySpan<char> name) =>
        name.StartsWith('.') || name.SequenceEqual("node_modules") || name.SequenceEqual("_site") || name.SequenceEqual("public");

    internal static bool IsEleventyData(ReadOnlySpan<char> name) =>
        name.Contains(".11tydata.", StringComparison.Ordinal)
        && (name.EndsWith(".json", StringComparison.Ordinal) || name.EndsWith(".js", StringComparison.Ordinal)
            || name.EndsWith(".cjs", StringComparison.Ordinal) || name.EndsWith(".mjs", StringComparison.Ordinal)
            || name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal));

    private static bool IsNote(ReadOnlySpan<char> name, IReadOnlyList<string> extensions)
    {
        foreach (var extension in extensions)
        {
            if (name.Length > extension.Length && name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
