using System.Diagnostics;
using System.Globalization;
using EditorialBot.Bot.Hosting;
using EditorialBot.Storage;
using EditorialBot.Workflow.Content;
using EditorialBot.Workflow.Sweep;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EditorialBot.Bench;

/// <summary>
/// The sweep in process on a synthetic tree: one cold sweep into a fresh database (reads, hashes,
/// extracts claims, inserts everything), then warm sweeps with nothing changed, each against a bare
/// stat walk of the same tree. Goal (issue 4): warm sweep at most 2x the walk.
/// </summary>
internal static class SweepBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = IntOption(args, "--count", 10_000);
        var kilobytes = IntOption(args, "--kb", 30);
        var runs = IntOption(args, "--runs", 7);
        var keep = args.Contains("--keep");
        var dir = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), $"editorialbot-bench-{count}x{kilobytes}k");
        var generated = false;
        if (!Directory.Exists(Path.Combine(dir, "content")))
        {
            var generate = Stopwatch.StartNew();
            SyntheticContent.Write(dir, count, kilobytes);
            generated = true;
            Console.WriteLine($"generated {count} episodes (~{kilobytes} KB, 10% drafts) in {dir} in {generate.Elapsed.TotalSeconds:F1} s");
        }
        var content = Path.Combine(dir, "content");
        var database = Path.Combine(Path.GetTempPath(), $"editorialbot-bench-sweep-{Guid.NewGuid():n}.db");
        try
        {
            await EditorialDatabase.MigrateAsync(database);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Content:Root"] = content,
                ["Storage:Database"] = database,
                ["Logging:LogLevel:Default"] = "Warning",
            }).Build();
            using var host = BotHost.Build(configuration, withJobs: false);
            var sweeps = host.Services.GetRequiredService<SweepService>();
            Console.WriteLine($"tree: {content}; {Environment.ProcessorCount} cores; database {database}");

            var walkFirst = Stopwatch.StartNew();
            var files = ContentTree.Enumerate(content).Count;
            walkFirst.Stop();

            var cold = Stopwatch.StartNew();
            var first = await sweeps.SweepAsync("bench-cold");
            cold.Stop();
            int claims;
            await using (var db = new EditorialDbContext(EditorialDatabase.Options(database)))
            {
                claims = await db.Claims.CountAsync();
            }
            var mb = new FileInfo(database).Length / 1024.0 / 1024.0;
            Console.WriteLine($"cold sweep   {cold.Elapsed.TotalMilliseconds,8:F0} ms   {first.Files} files, {first.Drafts} drafts, {first.Count(SweepEventKind.New)} new episodes, {claims} claims, database {mb:F1} MB");
            Console.WriteLine($"             ({cold.Elapsed.TotalMilliseconds / Math.Max(1, first.Files):F2} ms per file; first stat walk {walkFirst.Elapsed.TotalMilliseconds:F0} ms for {files} files)");
            Console.WriteLine($"             phases: walk {first.Phases!.Walk.TotalMilliseconds:F0} ms, read+claims {first.Phases.Read.TotalMilliseconds:F0} ms, database writes {first.Phases.Write.TotalMilliseconds:F0} ms, report {first.Phases.Report.TotalMilliseconds:F0} ms");

            // Where the cold time goes: the same reads and extraction, without the database.
            var readAll = Stopwatch.StartNew();
            List<byte[]> drafts = [];
            foreach (var file in ContentTree.Enumerate(content))
            {
                var note = NoteFile.Read(file.FullPath);
                if (note.FrontMatter.IsDraft)
                {
                    drafts.Add(File.ReadAllBytes(file.FullPath));
                }
            }
            readAll.Stop();
            var extractor = EditorialBot.Workflow.Claims.ClaimExtractors.Create(host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EditorialBot.Workflow.Claims.ClaimsOptions>>().Value);
            var extract = Stopwatch.StartNew();
            foreach (var bytes in drafts)
            {
                await extractor.ExtractAsync(System.Text.Encoding.UTF8.GetString(bytes), CancellationToken.None);
            }
            extract.Stop();
            var peak = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
            Console.WriteLine($"             of which reading+parsing+hashing every file {readAll.Elapsed.TotalMilliseconds:F0} ms, claim extraction of {drafts.Count} drafts {extract.Elapsed.TotalMilliseconds:F0} ms;");
            Console.WriteLine($"             the rest is the database (inserts of episodes, claims, audit, outbox); process peak working set {peak:F0} MB");

            // Interleaved so both see the same machine state; median of the runs.
            List<double> walks = [];
            List<double> warm = [];
            var unchanged = 0;
            SweepPhases? warmPhases = null;
            for (var i = 0; i < runs; i++)
            {
                var walk = Stopwatch.StartNew();
                var walked = BareStatWalk(content);
                walk.Stop();
                walks.Add(walk.Elapsed.TotalMilliseconds);
                var sweep = Stopwatch.StartNew();
                var result = await sweeps.SweepAsync("bench-warm");
                sweep.Stop();
                warm.Add(sweep.Elapsed.TotalMilliseconds);
                unchanged = result.Unchanged;
                warmPhases = result.Phases;
                if (result.Events.Count > 0 || walked != files)
                {
                    Console.WriteLine($"warning: warm sweep {i} saw {result.Events.Count} changes, walk saw {walked} files");
                }
            }
            var walkMedian = Median(walks);
            var warmMedian = Median(warm);
            Console.WriteLine($"stat walk    {walkMedian,8:F1} ms   median of {runs} (min {walks.Min():F1}, max {walks.Max():F1}): directory walk with size and mtime of every file");
            Console.WriteLine($"warm sweep   {warmMedian,8:F1} ms   median of {runs} (min {warm.Min():F1}, max {warm.Max():F1}): {unchanged} unchanged files, nothing read");
            Console.WriteLine($"ratio        {warmMedian / walkMedian,8:F2}   warm sweep / stat walk (goal <= 2.00)");
            Console.WriteLine($"             last warm sweep: walk+load known {warmPhases!.Walk.TotalMilliseconds:F0} ms, stat compare {warmPhases.Read.TotalMilliseconds:F0} ms, writes {warmPhases.Write.TotalMilliseconds:F0} ms, report {warmPhases.Report.TotalMilliseconds:F0} ms");

            // One edited draft among 10,000: what a nightly sweep after a day's work costs.
            var draft = Directory.EnumerateFiles(content, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
            File.AppendAllText(draft, "\n补充：这是基准测试里改过的一段。\n");
            var oneEdit = Stopwatch.StartNew();
            var edited = await sweeps.SweepAsync("bench-edit");
            oneEdit.Stop();
            Console.WriteLine($"one edit     {oneEdit.Elapsed.TotalMilliseconds,8:F1} ms   sweep after editing one draft ({edited.Events.Count} change: {string.Join(", ", edited.Events.Select(e => e.Kind))})");
            if (generated && !keep)
            {
                Directory.Delete(dir, recursive: true);
            }
            else
            {
                // Leave the shared tree as it was for the next benchmark run.
                var text = File.ReadAllText(draft);
                File.WriteAllText(draft, text[..text.LastIndexOf("\n补充：", StringComparison.Ordinal)]);
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The least any sweep must do: visit every file and read its size and modification time.</summary>
    private static int BareStatWalk(string root)
    {
        var n = 0;
        long sum = 0;
        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*.md", new EnumerationOptions { RecurseSubdirectories = true }))
        {
            sum += file.Length ^ file.LastWriteTimeUtc.Ticks;
            n++;
        }
        GC.KeepAlive(sum);
        return n;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } value && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
}
