using System.Diagnostics;
using System.Globalization;
using EditorialBot.FakeDiscord;
using static EditorialBot.Bench.ScanBenchmark;

namespace EditorialBot.Bench;

/// <summary>
/// Start-up and memory of the real binary, whole process each time: <c>status</c> on a swept copy of the sample
/// notes against <c>scan</c> of the same notes (goal: status at most 2 × scan), <c>publish --force</c> of one fresh
/// draft (goal: at most 1 s), and the resident memory of <c>run</c> against the fake Discord once start-up has
/// settled (goal: at most 100 MB).
/// </summary>
internal static class StartupBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = IntOption(args, "--runs", 5);
        var settle = TimeSpan.FromSeconds(IntOption(args, "--settle", 15));
        var binary = Option(args, "--bin") ?? FindBinary();
        var samples = Ancestors(AppContext.BaseDirectory).Select(d => Path.Combine(d, "samples", "content")).FirstOrDefault(Directory.Exists);
        if (binary is null || samples is null)
        {
            Console.Error.WriteLine("needs the editorialbot binary (dotnet publish -c Release src/Bot, or --bin PATH) and the repository's samples/content");
            return 2;
        }
        var folder = Directory.CreateTempSubdirectory("editorialbot-bench-startup-").FullName;
        try
        {
            var content = Path.Combine(folder, "content");
            CopyTree(samples, content);
            var db = Path.Combine(folder, "editorial.db");
            if (args.Contains("--bot-only"))
            {
                Console.WriteLine(await BotMemoryAsync(binary, content, db, settle));
                Console.WriteLine(await FloorMemoryAsync(folder, settle));
                return 0;
            }
            var overrides = new[] { $"--Content:Root={content}", $"--Storage:Database={db}" };
            Console.WriteLine($"samples: {content} ({Directory.EnumerateFiles(content, "*.md", SearchOption.AllDirectories).Count()} notes); binary: {binary}; "
                + $"{Environment.ProcessorCount} cores, load {LoadAverage()}; best of {runs} runs after a warm-up");

            var sweep = RunOnce(binary, ["sweep", "--content", content, "--db", db, .. overrides]);
            Report("editorialbot sweep (once)", sweep);
            var scan = Measure(binary, ["scan", "--content", content, .. overrides], runs);
            Report("editorialbot scan", scan);
            var status = Measure(binary, ["status", "--db", db, .. overrides], runs);
            Report("editorialbot status", status);

            var draft = File.ReadAllBytes(Directory.EnumerateFiles(content, "*.md", SearchOption.AllDirectories)
                .First(f => File.ReadAllText(f).Contains("draft: true", StringComparison.Ordinal) && !f.Contains("broken", StringComparison.Ordinal)));
            Measurement? publish = null;
            for (var i = 0; i <= runs; i++)
            {
                var name = $"bench-publish-{i}.md";
                File.WriteAllBytes(Path.Combine(content, name), draft);
                var m = RunOnce(binary, ["publish", name, "--content", content, "--force", "--by", "bench", "--db", db, .. overrides]);
                if (i > 0 && (publish is null || m.Wall < publish.Wall))
                {
                    publish = m;
                }
            }
            Report("editorialbot publish", publish!);

            var bot = await BotMemoryAsync(binary, content, db, settle);
            var floor = await FloorMemoryAsync(folder, settle);

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"status / scan = {status.Wall.TotalMilliseconds / scan.Wall.TotalMilliseconds:F1} x wall (goal <= 2.0), {status.Cpu.TotalMilliseconds / Math.Max(1, scan.Cpu.TotalMilliseconds):F1} x cpu"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"publish of one file = {publish!.Wall.TotalMilliseconds:F0} ms wall, {publish.Cpu.TotalMilliseconds:F0} ms cpu (goal <= 1000 ms, exit {publish.ExitCode})"));
            Console.WriteLine(bot);
            Console.WriteLine(floor);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Starts <c>run</c> as a child process against an in-process fake Discord, plays Identify → READY, waits, reads VmRSS.</summary>
    private static async Task<string> BotMemoryAsync(string binary, string content, string db, TimeSpan settle)
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        fake.Gateway.HeartbeatInterval = TimeSpan.FromSeconds(30);
        var editor = fake.State.AddRole("editor").Id;
        var start = new ProcessStartInfo(binary, ["run"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Content__Root"] = content,
            ["Storage__Database"] = db,
            ["Discord__Token"] = fake.Token,
            ["Discord__ApiBaseUrl"] = fake.ApiBaseUrl,
            ["Discord__GuildId"] = fake.State.GuildId.ToString(CultureInfo.InvariantCulture),
            ["Discord__ReviewChannelId"] = fake.State.ReviewChannelId.ToString(CultureInfo.InvariantCulture),
            ["Discord__EditorRoleIds__0"] = editor.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        })
        {
            start.Environment[key] = value;
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        List<string> errors = [];
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.Add(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await fake.Gateway.ExpectIdentifyAsync(TimeSpan.FromSeconds(60));
            var identified = watch.Elapsed;
            await fake.Gateway.SendReadyAsync();
            await Task.Delay(settle);
            var status = $"/proc/{process.Id}/status";
            var rss = ReadKb(status, "VmRSS:") / 1024.0;
            var peak = ReadKb(status, "VmHWM:") / 1024.0;
            var anon = ReadKb(status, "RssAnon:") / 1024.0;
            var files = ReadKb(status, "RssFile:") / 1024.0;
            var shared = ReadKb(status, "RssShmem:") / 1024.0;
            var gc = Environment.GetEnvironmentVariable("DOTNET_gcServer");
            return string.Create(CultureInfo.InvariantCulture,
                $"bot (run) against the fake Discord: identified after {identified.TotalMilliseconds:F0} ms; resident {rss:F1} MB {settle.TotalSeconds:0} s after READY (goal <= 100 MB; {anon:F1} MB anonymous, {files:F1} MB mapped files, {shared:F1} MB shared), peak {peak:F1} MB{(gc is null ? "" : $", DOTNET_gcServer={gc}")}");
        }
        catch (TimeoutException)
        {
            lock (errors)
            {
                return "bot (run): did not identify within 60 s:\n  " + string.Join("\n  ", errors.TakeLast(10));
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// The same reading for <c>bench/EditorialBot.Floor</c>: the generic host, EF Core on SQLite and Quartz with none
    /// of the bot's code, published the same way. What the bot adds to it is what the bot's own code can change.
    /// </summary>
    private static async Task<string> FloorMemoryAsync(string folder, TimeSpan settle)
    {
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        var binary = Ancestors(AppContext.BaseDirectory)
            .Select(d => Path.Combine(d, "bench", "EditorialBot.Floor", "bin", "Release", "net10.0", rid, "publish", "editorialbot-floor"))
            .FirstOrDefault(File.Exists);
        if (binary is null)
        {
            return "floor: not measured (publish it first: dotnet publish -c Release bench/EditorialBot.Floor)";
        }
        var start = new ProcessStartInfo(binary, [Path.Combine(folder, "floor.db")]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => { if (e.Data == "ready") { ready.TrySetResult(); } };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(settle);
            var status = $"/proc/{process.Id}/status";
            return string.Create(CultureInfo.InvariantCulture,
                $"floor (host + EF Core SQLite + Quartz, no bot code): resident {ReadKb(status, "VmRSS:") / 1024.0:F1} MB {settle.TotalSeconds:0} s after its first query ({ReadKb(status, "RssAnon:") / 1024.0:F1} MB anonymous, {ReadKb(status, "RssFile:") / 1024.0:F1} MB mapped files, {ReadKb(status, "RssShmem:") / 1024.0:F1} MB shared)");
        }
        catch (TimeoutException)
        {
            return "floor: did not report ready within 60 s";
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
        }
    }

    private static long ReadKb(string statusPath, string field)
    {
        foreach (var line in File.ReadLines(statusPath))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
