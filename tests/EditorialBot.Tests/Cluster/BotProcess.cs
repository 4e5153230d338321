using System.Diagnostics;

namespace EditorialBot.Tests.Cluster;

/// <summary>
/// A real <c>editorialbot</c> process (the built binary next to the tests), configured through
/// environment variables, with its stderr kept for assertions. Kill is SIGKILL; Pause/Resume are
/// SIGSTOP/SIGCONT.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private BotProcess(Process process) => _process = process;

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => string.Join('\n', Lines);

    public static BotProcess Start(string workingFolder, IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingFolder,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "editorialbot.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var bot = new BotProcess(process);
        process.ErrorDataReceived += (_, e) => bot.Add(e.Data);
        process.OutputDataReceived += (_, e) => bot.Add(e.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return bot;
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    /// <summary>The exit code, waiting at most <paramref name="seconds"/>.</summary>
    public async Task<int> ExitCodeAsync(int seconds = 120)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"process {Id} did not exit within {seconds} s:\n{Output}");
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Resume();
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    private void Signal(string signal)
    {
        if (_process.HasExited)
        {
            return;
        }
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { $"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed ({kill.ExitCode})");
        }
    }
}
