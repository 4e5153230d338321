using System.Diagnostics;

namespace EditorialBot.Tests.Support;

/// <summary>
/// Makes a folder refuse new entries for the test's duration: mode 0555, and since root ignores modes (CI runs as
/// root), also the immutable attribute (<c>chattr +i</c>). Fails the test when neither takes effect.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class ReadOnlyFolder : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode _mode;
    private bool _immutable;

    private ReadOnlyFolder(string path)
    {
        _path = path;
        _mode = File.GetUnixFileMode(path);
    }

    public static ReadOnlyFolder Make(string path)
    {
        var folder = new ReadOnlyFolder(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        if (CanCreateIn(path))
        {
            folder._immutable = Chattr("+i", path);
        }
        Assert.False(CanCreateIn(path), $"could not make {path} read-only (chmod, chattr +i) on this machine");
        return folder;
    }

    public void Dispose()
    {
        if (_immutable)
        {
            Chattr("-i", _path);
        }
        File.SetUnixFileMode(_path, _mode);
    }

    private static bool CanCreateIn(string path)
    {
        var probe = Path.Combine(path, ".probe-" + Guid.NewGuid().ToString("n"));
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool Chattr(string flag, string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true, UseShellExecute = false })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
