using System.IO.Enumeration;

namespace EditorialBot.Workflow.Content;

/// <summary>One Markdown file found under the content root: what a stat returns, nothing read yet.</summary>
internal sealed record ContentFile(string RelativePath, string FullPath, long Length, DateTime LastWriteTimeUtc);

/// <summary>Walks the content root for Markdown files, the way the site generators see them.</summary>
internal static class ContentTree
{
    private static readonly EnumerationOptions s_options = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>
    /// Every <c>*.md</c> / <c>*.markdown</c> file under <paramref name="root"/>, ordered by relative path (ordinal),
    /// skipping hidden folders, <c>node_modules</c> and <c>_site</c>. Only a directory walk: no file is opened.
    /// </summary>
    public static IReadOnlyList<ContentFile> Enumerate(string root) => Walk(root, dataFiles: null);

    /// <summary>
    /// <see cref="Enumerate"/>, also collecting Eleventy data files (<c>*.11tydata.json</c>, <c>.js</c>, <c>.cjs</c>,
    /// <c>.mjs</c>) in the same walk: they can set <c>draft</c> for notes through the data cascade.
    /// </summary>
    public static IReadOnlyList<ContentFile> Walk(string root, List<ContentFile>? dataFiles)
    {
        var fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
        {
            throw new DirectoryNotFoundException($"Content folder not found: {root}");
        }
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
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    // A symlinked note: report its target's size and time, or an edit to the target goes unnoticed.
                    var target = File.ResolveLinkTarget(full, returnFinalTarget: true) as FileInfo;
                    return target is { Exists: true }
                        ? new ContentFile(relative, full, target.Length, target.LastWriteTimeUtc)
                        : new ContentFile(relative, full, 0, DateTime.MinValue);
                }
                return new ContentFile(relative, full, entry.Length, entry.LastWriteTimeUtc.UtcDateTime);
            },
            s_options)
        {
            // Linked folders are not followed: they can loop, and their notes may live outside the root.
            ShouldRecursePredicate = (ref FileSystemEntry entry) =>
                !IsSkippedFolder(entry.FileName) && (entry.Attributes & FileAttributes.ReparsePoint) == 0,
            ShouldIncludePredicate = dataFiles is null
                ? (ref FileSystemEntry entry) => !entry.IsDirectory && IsMarkdown(entry.FileName)
                : (ref FileSystemEntry entry) => !entry.IsDirectory && (IsMarkdown(entry.FileName) || IsEleventyData(entry.FileName)),
        };
        var files = new List<ContentFile>(walk);
        if (dataFiles is not null)
        {
            dataFiles.AddRange(files.Where(f => IsEleventyData(Path.GetFileName(f.RelativePath.AsSpan()))));
            files.RemoveAll(f => IsEleventyData(Path.GetFileName(f.RelativePath.AsSpan())));
        }
        files.Sort(static (a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    internal static bool IsSkippedFolder(ReadOnlySpan<char> name) =>
        name.StartsWith('.') || name.SequenceEqual("node_modules") || name.SequenceEqual("_site");

    internal static bool IsEleventyData(ReadOnlySpan<char> name) =>
        name.Contains(".11tydata.", StringComparison.Ordinal)
        && (name.EndsWith(".json", StringComparison.Ordinal) || name.EndsWith(".js", StringComparison.Ordinal)
            || name.EndsWith(".cjs", StringComparison.Ordinal) || name.EndsWith(".mjs", StringComparison.Ordinal));

    private static bool IsMarkdown(ReadOnlySpan<char> name) =>
        (name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase));
}
