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
    public static IReadOnlyList<ContentFile> Enumerate(string root)
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
                return new ContentFile(relative, full, entry.Length, entry.LastWriteTimeUtc.UtcDateTime);
            },
            s_options)
        {
            ShouldRecursePredicate = (ref FileSystemEntry entry) => !IsSkippedFolder(entry.FileName),
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && IsMarkdown(entry.FileName),
        };
        var files = new List<ContentFile>(walk);
        files.Sort(static (a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    internal static bool IsSkippedFolder(ReadOnlySpan<char> name) =>
        name.StartsWith('.') || name.SequenceEqual("node_modules") || name.SequenceEqual("_site");

    private static bool IsMarkdown(ReadOnlySpan<char> name) =>
        (name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase));
}
