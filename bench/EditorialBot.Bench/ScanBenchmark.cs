using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace EditorialBot.Bench;

/// <summary>
/// Times the whole <c>editorialbot scan</c> process on a synthetic tree against <c>hugo list drafts</c> on the same
/// tree. Goal (issue 2): scan at most half of Hugo's time and under 150 MB peak memory.
/// </summary>
internal static class ScanBenchmark
{
    public static int Run(string[] args)
    {
        var count = IntOption(args, "--count", 10_000);
        var kilobytes = IntOption(args, "--kb", 30);
        var runs = IntOption(args, "--runs", 3);
        var keep = args.Contains("--keep");
        var dir = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), $"editorialbot-bench-{count}x{kilobytes}k");
        var binary = Option(args, "--bin") ?? FindBinary();
        if (binary is null)
        {
            Console.Error.WriteLine("editorialbot binary not found: publish it (dotnet publish -c Release src/Bot), build it (dotnet build -c Release src/Bot) or pass --bin PATH");
            return 2;
        }

        var generated = false;
        if (!Directory.Exists(Path.Combine(dir, "content")))
        {
            var generate = Stopwatch.StartNew();
            SyntheticContent.Write(dir, count, kilobytes);
            generated = true;
            Console.WriteLine($"generated {count} episodes (~{kilobytes} KB, 10% drafts) in {dir} in {generate.Elapsed.TotalSeconds:F1} s");
        }
        var bytes = Directory.EnumerateFiles(Path.Combine(dir, "content"), "*.md", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"tree: {dir}/content, {bytes / 1024.0 / 1024.0:F0} MB of Markdown; binary: {binary}; {Environment.ProcessorCount} cores; best of {runs} warm runs");

        var content = Path.Combine(dir, "content");
        var scan = Measure(binary, ["scan", "--content", content], runs);
        Report("editorialbot scan", scan);
        var scanJson = Measure(binary, ["scan", "--content", content, "--json"], runs);
        Report("editorialbot scan --json", scanJson);
        var drafts = Measure(binary, ["drafts", "--content", content], runs);
        Report("editorialbot drafts", drafts);

        var hugo = FindOnPath("hugo");
        if (hugo is null)
        {
            Console.WriteLine("hugo: not installed (apt-get install hugo) - no comparison");
        }
        else
        {
            var hugoRun = Measure(hugo, ["list", "drafts", "-s", dir], runs);
            Report("hugo list drafts", hugoRun);
            Console.WriteLine($"ratio: scan / hugo = {scan.Wall.TotalMilliseconds / hugoRun.Wall.TotalMilliseconds:F2} wall, " +
                $"{scan.Cpu.TotalMilliseconds / Math.Max(1, hugoRun.Cpu.TotalMilliseconds):F2} cpu (goal <= 0.50); " +
                $"scan lines {scan.OutputLines}, hugo draft lines {hugoRun.OutputLines}");
        }
        Console.WriteLine($"peak memory goal: < 150 MB; scan peak {scan.PeakMb:F0} MB");
        if (generated && !keep)
        {
            Directory.Delete(dir, recursive: true);
        }
        return 0;
    }

    internal sealed record Measurement(TimeSpan Wall, double PeakMb, int ExitCode, int OutputLines, TimeSpan Cpu);

    internal static void Report(string name, Measurement m) =>
        Console.WriteLine($"{name,-26} wall {m.Wall.TotalMilliseconds,7:F0} ms   cpu {m.Cpu.TotalMilliseconds,7:F0} ms   peak RSS {m.PeakMb,6:F1} MB   exit {m.ExitCode}   stdout lines {m.OutputLines}");

    /// <summary>Best wall time of <paramref name="runs"/> runs after one warm-up; peak RSS is the highest VmHWM seen.</summary>
    internal static Measurement Measure(string file, string[] arguments, int runs)
    {
        Measurement? best = null;
        double peak = 0;
        for (var i = 0; i <= runs; i++)
        {
            var m = RunOnce(file, arguments);
            peak = Math.Max(peak, m.PeakMb);
            if (i > 0 && (best is null || m.Wall < best.Wall))
            {
                best = m;
            }
        }
        return best! with { PeakMb = peak };
    }

    internal static Measurement RunOnce(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var lines = 0;
        var cpuBefore = ChildrenCpu();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { Interlocked.Increment(ref lines); } };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long peakKb = 0;
        var status = $"/proc/{process.Id}/status";
        while (!process.WaitForExit(2))
        {
            peakKb = Math.Max(peakKb, ReadHighWaterMarkKb(status));
        }
        watch.Stop();
        process.WaitForExit();
        return new Measurement(watch.Elapsed, peakKb / 1024.0, process.ExitCode, lines, ChildrenCpu() - cpuBefore);
    }

    /// <summary>VmHWM (peak resident set) of a running process, from /proc; 0 once it is gone.</summary>
    private static long ReadHighWaterMarkKb(string statusPath)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return 0;
    }

    /// <summary>User + system CPU of all waited-for children (getrusage RUSAGE_CHILDREN): robust on a busy machine, unlike wall time.</summary>
    private static TimeSpan ChildrenCpu()
    {
        if (!OperatingSystem.IsLinux() || GetRusage(-1, out var usage) != 0)
        {
            return TimeSpan.Zero;
        }
        var micros = (usage.UserSeconds + usage.SystemSeconds) * 1_000_000 + usage.UserMicros + usage.SystemMicros;
        return TimeSpan.FromMicroseconds(micros);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicros;
        public long SystemSeconds;
        public long SystemMicros;
        public long MaxRss, Ixrss, Idrss, Isrss, Minflt, Majflt, Nswap, Inblock, Oublock, Msgsnd, Msgrcv, Nsignals, Nvcsw, Nivcsw;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out RUsage usage);

    internal static string? FindBinary()
    {
        // The published binary (ReadyToRun, what a deployment runs) first, then the build output.
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        string[] candidates =
        [
            .. Ancestors(AppContext.BaseDirectory).Select(d => Path.Combine(d, "src", "Bot", "bin", "Release", "net10.0", rid, "publish", "editorialbot")),
            Path.Combine(AppContext.BaseDirectory, "editorialbot"),
            .. Ancestors(AppContext.BaseDirectory).Select(d => Path.Combine(d, "src", "Bot", "bin", "Release", "net10.0", "editorialbot")),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    internal static IEnumerable<string> Ancestors(string dir)
    {
        for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
        {
            yield return d.FullName;
        }
    }

    internal static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(p => Path.Combine(p, name)).FirstOrDefault(File.Exists);

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    internal static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
