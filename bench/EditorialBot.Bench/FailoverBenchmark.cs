using System.Diagnostics;
using System.Globalization;
using EditorialBot.FakeDiscord;
using EditorialBot.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EditorialBot.Bench;

/// <summary>
/// Several real <c>editorialbot run</c> processes on one PostgreSQL database against the fake Discord.
/// Failover: kill -9 the lease holder, time until the standby's Identify reaches Discord; repeated, the
/// median printed. Throughput: N drafts swept into the outbox, then the time from READY until the
/// outbox is empty with one instance and with two.
/// Needs an admin connection string in EDITORIALBOT_BENCH_POSTGRES (or EDITORIALBOT_TEST_POSTGRES).
/// </summary>
internal static class FailoverBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var kills = Option(args, "--kills", 5);
        var drafts = Option(args, "--drafts", 60);
        var lease = Option(args, "--lease", 15);
        var renew = Option(args, "--renew", 5);
        var admin = Environment.GetEnvironmentVariable("EDITORIALBOT_BENCH_POSTGRES") is { Length: > 0 } given ? given
            : Environment.GetEnvironmentVariable("EDITORIALBOT_TEST_POSTGRES");
        if (string.IsNullOrEmpty(admin))
        {
            Console.Error.WriteLine("failover needs PostgreSQL: set EDITORIALBOT_BENCH_POSTGRES to an admin connection string (e.g. Host=127.0.0.1;Port=5432;Username=postgres)");
            return 2;
        }

        var times = await FailoverTimesAsync(admin, kills, lease, renew);
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"failover: lease {lease} s, renew {renew} s; kill -9 of the holder to the standby's Identify, {times.Count} kills: median {Median(times):0.0} s (min {times[0]:0.0}, max {times[^1]:0.0}; each: {string.Join(", ", times.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))})"));

        var one = await ThroughputAsync(admin, drafts, instances: 1, lease, renew);
        var two = await ThroughputAsync(admin, drafts, instances: 2, lease, renew);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"outbox: {one.Messages} messages ({drafts} drafts) delivered in {one.Seconds:0.0} s with one instance ({one.Messages / one.Seconds:0.0}/s), {two.Seconds:0.0} s with two ({two.Messages / two.Seconds:0.0}/s); only the lease holder delivers"));
        return 0;
    }

    private static async Task<List<double>> FailoverTimesAsync(string admin, int kills, int lease, int renew)
    {
        await using var run = await Run.CreateAsync(admin, lease, renew);
        List<double> times = [];
        var next = 0;
        var holder = run.Start($"i{next++}");
        await run.WaitForHolderAsync(holder.Name);
        await run.AcceptLoginAsync();
        var standby = run.Start($"i{next++}");
        await run.WaitForStandbyAsync(standby);
        for (var k = 0; k < kills; k++)
        {
            var identifies = run.Fake.Gateway.Identifies;
            holder.Process.Kill();
            var clock = Stopwatch.StartNew();
            await run.AcceptLoginAsync();
            times.Add(clock.Elapsed.TotalSeconds);
            if (run.Fake.Gateway.Identifies != identifies + 1)
            {
                Console.Error.WriteLine($"unexpected identifies: {run.Fake.Gateway.Identifies - identifies}");
            }
            await run.WaitForHolderAsync(standby.Name);
            holder = standby;
            standby = run.Start($"i{next++}");
            await run.WaitForStandbyAsync(standby);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kill {k + 1}: {times[^1]:0.0} s"));
        }
        return times;
    }

    private static async Task<(int Messages, double Seconds)> ThroughputAsync(string admin, int drafts, int instances, int lease, int renew)
    {
        await using var run = await Run.CreateAsync(admin, lease, renew);
        run.Fake.DefaultRateLimit = new("bucket-default", 10_000, TimeSpan.FromSeconds(1));
        run.WriteDrafts(drafts);
        var sweep = run.Start("sweeper", "sweep");
        await sweep.Process.WaitForExitAsync();
        int messages;
        await using (var db = run.Db())
        {
            messages = await db.Outbox.CountAsync(m => m.DeliveredAt == null);
        }
        var first = run.Start("a");
        await run.WaitForHolderAsync("a");
        if (instances > 1)
        {
            await run.WaitForStandbyAsync(run.Start("b"));
        }
        var clock = Stopwatch.StartNew();
        await run.AcceptLoginAsync();
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            await using var db = run.Db();
            if (await db.Outbox.CountAsync(m => m.DeliveredAt == null) == 0)
            {
                break;
            }
            await Task.Delay(50);
        }
        return (messages, clock.Elapsed.TotalSeconds);
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record Instance(string Name, Process Process, List<string> Lines);

    /// <summary>One database, one fake Discord, one content folder, and the processes started on them.</summary>
    private sealed class Run : IAsyncDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "editorialbot-bench-failover-" + Guid.NewGuid().ToString("N"));
        private readonly List<Instance> _instances = [];
        private readonly string _admin;
        private readonly int _lease;
        private readonly int _renew;
        private ulong _editor;

        private Run(string admin, FakeDiscordServer fake, int lease, int renew)
        {
            _admin = admin;
            Fake = fake;
            _lease = lease;
            _renew = renew;
            Directory.CreateDirectory(Path.Combine(_folder, "content"));
            ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = "ebbench_" + Guid.NewGuid().ToString("N") }.ToString();
        }

        public FakeDiscordServer Fake { get; }
        public string ConnectionString { get; }

        public static async Task<Run> CreateAsync(string admin, int lease, int renew)
        {
            var fake = await FakeDiscordServer.StartAsync();
            fake.Gateway.HeartbeatInterval = TimeSpan.FromSeconds(30);
            var run = new Run(admin, fake, lease, renew);
            run._editor = fake.State.AddRole("editor").Id;
            await EditorialDatabase.MigrateAsync(StorageOptions.Postgres(run.ConnectionString));
            return run;
        }

        public EditorialDbContext Db() => new(EditorialDatabase.Options(StorageOptions.Postgres(ConnectionString)));

        public void WriteDrafts(int count)
        {
            for (var i = 1; i <= count; i++)
            {
                File.WriteAllText(Path.Combine(_folder, "content", $"ep{i:000}.md"),
                    $"---\ntitle: 第{i}期：出口与电力\ndate: '2025-12-01'\ndraft: true\nstatus: evergreen\nsummary: 第{i}期节目。\n---\n\n据海关总署统计，2024年中国出口电动汽车约{100 + i}万辆，同比增长{i % 40}%。\n");
            }
        }

        public Instance Start(string name, string verb = "run")
        {
            var folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "editorialbot.dll"));
            info.ArgumentList.Add(verb);
            var settings = new Dictionary<string, string>
            {
                ["Content__Root"] = Path.Combine(_folder, "content"),
                ["Storage__Provider"] = "postgres",
                ["Storage__Database"] = Path.Combine(folder, "data", "editorial.db"),
                ["ConnectionStrings__Editorial"] = ConnectionString,
                ["Claims__Glossary"] = "",
                ["Cluster__InstanceId"] = name,
                ["Cluster__Lease"] = TimeSpan.FromSeconds(_lease).ToString("c", CultureInfo.InvariantCulture),
                ["Cluster__Renew"] = TimeSpan.FromSeconds(_renew).ToString("c", CultureInfo.InvariantCulture),
                ["Discord__Token"] = Fake.Token,
                ["Discord__ApiBaseUrl"] = Fake.ApiBaseUrl,
                ["Discord__GuildId"] = Fake.State.GuildId.ToString(CultureInfo.InvariantCulture),
                ["Discord__ReviewChannelId"] = Fake.State.ReviewChannelId.ToString(CultureInfo.InvariantCulture),
                ["Discord__EditorRoleIds__0"] = _editor.ToString(CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__EditorialBot.Bot.Cluster"] = "Information",
            };
            foreach (var (key, value) in settings)
            {
                info.Environment[key] = value;
            }
            var process = Process.Start(info)!;
            List<string> lines = [];
            process.ErrorDataReceived += (_, e) => { lock (lines) { if (e.Data is not null) { lines.Add(e.Data); } } };
            process.OutputDataReceived += (_, e) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var instance = new Instance(name, process, lines);
            _instances.Add(instance);
            return instance;
        }

        public async Task WaitForHolderAsync(string name)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromMinutes(3))
            {
                await using var db = Db();
                if (await db.Leases.AsNoTracking().AnyAsync(l => l.Name == Lease.Gateway && l.Owner == name))
                {
                    return;
                }
                await Task.Delay(50);
            }
            throw new TimeoutException($"{name} never took the lease");
        }

        public async Task WaitForStandbyAsync(Instance instance)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromMinutes(3))
            {
                lock (instance.Lines)
                {
                    if (instance.Lines.Any(l => l.Contains("standing by", StringComparison.Ordinal)))
                    {
                        return;
                    }
                }
                await Task.Delay(50);
            }
            throw new TimeoutException($"{instance.Name} never stood by");
        }

        public async Task AcceptLoginAsync()
        {
            await Fake.Gateway.ExpectIdentifyAsync(TimeSpan.FromMinutes(3));
            await Fake.Gateway.SendReadyAsync();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var instance in _instances.Where(i => !i.Process.HasExited))
            {
                instance.Process.Kill(entireProcessTree: true);
                await instance.Process.WaitForExitAsync();
            }
            await Fake.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await using (var connection = new NpgsqlConnection(_admin))
            {
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
            Directory.Delete(_folder, recursive: true);
        }
    }
}
