using System.Runtime.InteropServices;

namespace EditorialBot.Workflow.Content;

/// <summary>
/// Replaces a file so that a crash leaves either the old or the new bytes (front-matter.md §6.5): a temp file in the
/// same folder, flushed to disk, given the original's mode, renamed over the original.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Temp files end with this; <see cref="DeleteStale"/> removes leftovers of a crash.</summary>
    public const string TempSuffix = ".editorialbot.tmp";

    public static void Replace(string target, ReadOnlySpan<byte> bytes)
    {
        var folder = Path.GetDirectoryName(target)!;
        // A short name of its own: a note named close to the 255-byte limit must still get a temp file beside it.
        var temp = Path.Combine(folder, $".{Guid.NewGuid().ToString("N")[..12]}{TempSuffix}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(stream.SafeFileHandle, File.GetUnixFileMode(target));
                }
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        SyncFolder(folder);
    }

    /// <summary>Deletes temp files a crash left between the write and the rename (the originals are intact).</summary>
    public static IReadOnlyList<string> DeleteStale(string root)
    {
        var deleted = new List<string>();
        if (!Directory.Exists(root))
        {
            return deleted;
        }
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var path in Directory.EnumerateFiles(root, "*" + TempSuffix, options))
        {
            if (Path.GetFileName(path).StartsWith('.') && TryDelete(path))
            {
                deleted.Add(path);
            }
        }
        return deleted;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// .NET does not fsync the folder after a rename; without it the rename itself may be lost on power failure.
    /// Best effort: a failure here does not undo a completed rename.
    /// </summary>
    private static void SyncFolder(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }
        var fd = Open(folder, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return;
        }
        _ = Fsync(fd);
        _ = Close(fd);
    }

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code, which the project does not allow.
    [DllImport("libc", EntryPoint = "open")]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync")]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
