namespace EditorialBot.Workflow.Content;

/// <summary>Resolves a note path to the real file it names, and checks it is inside the content root.</summary>
internal static class ContentPath
{
    private const int MaxLinkHops = 40;

    /// <summary>
    /// The real path of <paramref name="file"/> (symlinks followed), or the reason it may not be edited: outside the
    /// root, a dangling link, or not a regular file.
    /// </summary>
    public static (string? RealPath, string? Problem) ResolveInside(string contentRoot, string file)
    {
        var realRoot = RealPath(contentRoot);
        if (realRoot is null)
        {
            return (null, $"the content folder {contentRoot} cannot be resolved");
        }
        var full = Path.GetFullPath(file);
        string? real;
        try
        {
            real = RealPath(full);
        }
        catch (IOException ex)
        {
            return (null, $"cannot resolve {file}: {ex.Message}");
        }
        if (real is null || !File.Exists(real))
        {
            return (null, new FileInfo(full).LinkTarget is not null ? $"the symlink {file} points to a missing file" : $"no such file: {file}");
        }
        if (!IsInside(realRoot, real))
        {
            return (null, real == full
                ? $"{file} is outside the content folder"
                : $"{file} resolves to {real}, outside the content folder");
        }
        if ((File.GetAttributes(real) & FileAttributes.Directory) != 0)
        {
            return (null, $"{file} is a folder");
        }
        return (real, null);
    }

    public static bool IsInside(string root, string path)
    {
        var prefix = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    /// <summary>The path with every symlink component resolved (like realpath(3)); null when a link is dangling.</summary>
    public static string? RealPath(string path) => RealPath(Path.GetFullPath(path), 0);

    private static string? RealPath(string full, int hops)
    {
        var root = Path.GetPathRoot(full)!;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        foreach (var part in parts)
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                if (++hops > MaxLinkHops)
                {
                    throw new IOException("too many levels of symbolic links");
                }
                var target = info.ResolveLinkTarget(returnFinalTarget: false);
                if (target is null)
                {
                    return null;
                }
                var resolved = RealPath(Path.GetFullPath(info.LinkTarget, current), hops);
                if (resolved is null)
                {
                    return null;
                }
                next = resolved;
            }
            else if (!info.Exists)
            {
                return null;
            }
            current = next;
        }
        return current;
    }
}
