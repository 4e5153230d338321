using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EditorialBot.Workflow.Content;

/// <summary>A <c>*.md</c> that is a FIFO, socket or device: reading it could block forever or never end.</summary>
internal sealed class NotARegularFileException(string path)
    : IOException($"{path} is not a regular file (a FIFO, socket or device); skipped");

/// <summary>
/// Opens a note for reading without ever blocking on a FIFO: on Linux and macOS the open is non-blocking, and a handle
/// that cannot seek (a FIFO, socket or terminal) is refused with <see cref="NotARegularFileException"/>.
/// </summary>
internal static class RegularFile
{
    public static SafeFileHandle OpenRead(string path)
    {
        var nonBlocking = OperatingSystem.IsLinux() ? 0x800 | 0x80000 /* O_NONBLOCK | O_CLOEXEC */
            : OperatingSystem.IsMacOS() ? 0x4 | 0x1000000
            : 0;
        if (nonBlocking == 0)
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        var fd = Open(path, nonBlocking /* | O_RDONLY (0) */);
        if (fd < 0)
        {
            // Let .NET open it again to raise its usual exception (not found, access denied, symlink loop).
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        bool seekable;
        try
        {
            using var probe = new FileStream(new SafeFileHandle(fd, ownsHandle: false), FileAccess.Read, 1);
            seekable = probe.CanSeek;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // .NET refuses a directory handle, for instance.
            handle.Dispose();
            throw new IOException($"{path}: {ex.Message}", ex);
        }
        if (!seekable)
        {
            handle.Dispose();
            throw new NotARegularFileException(path);
        }
        return handle;
    }

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code, which the project does not allow.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
