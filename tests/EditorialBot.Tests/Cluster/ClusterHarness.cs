using System.Globalization;
using EditorialBot.FakeDiscord;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Cluster;

/// <summary>
/// Several real bot processes on one database (PostgreSQL, or one SQLite file on this machine) against one fake
/// Discord: each instance has its own folder (session file), all read the same content folder.
/// </summary>
internal sealed class ClusterHarness : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TestDatabase _database;
    private readonly List<BotProcess> _processes = [];
    private readonly Dictionary<string, string?> _extra;

    private ClusterHarness(FakeDiscordServer fake, StorageProvider provider, Dictionary<string, string?> extra)
    {
        Fake = fake;
        _database = TestDatabase.CreateEmpty(provider);
        _extra = extra;
        EditorRole = fake.State.AddRole("editor").Id;
        AdminRole = fake.State.AddRole("admin").Id;
        Ana = fake.State.AddMember("ana", EditorRole);
        Directory.CreateDirectory(ContentRoot);
    }

    public FakeDiscordServer Fake { get; }
    public ulong EditorRole { get; }
    public ulong AdminRole { get; }
    public FakeMember Ana { get; }
    public string ContentRoot => _folder.File("content");
    public StorageOptions Storage => _database.Storage;

    public static Task<ClusterHarness> CreateAsync(params (string Key, string Value)[] settings) => CreateAsync(StorageProvider.Postgres, settings);

    public static async Task<ClusterHarness> CreateAsync(StorageProvider provider, params (string Key, string Value)[] settings)
    {
        var fake = await FakeDiscordServer.StartAsync();
        fake.Gateway.HeartbeatInterval = TimeSpan.FromSeconds(30);
        var harness = new ClusterHarness(fake, provider, settings.ToDictionary(static s => s.Key, static s => (string?)s.Value));
        await EditorialDatabase.MigrateAsync(harness.Storage);
        return harness;
    }

    public void WriteDrafts(int count, string prefix = "ep")
    {
        for (var i = 1; i <= count; i++)
        {
            _folder.Write($"content/{prefix}{i:D3}.md", Notes.Draft(title: $"{prefix} 第{i}期：芯片与出口", body: Notes.Body()));
        }
    }

    /// <summary>Starts <c>editorialbot run</c> as instance <paramref name="name"/>.</summary>
    public BotProcess StartBot(string name, params (string Key, string Value)[] extra) => Start(name, ["run"], extra);

    /// <summary>Starts any verb against the shared database (e.g. <c>sweep</c>).</summary>
    public BotProcess Start(string name, string[] args, params (string Key, string Value)[] extra)
    {
        var folder = _folder.File(name);
        Directory.CreateDirectory(folder);
        var settings = Settings(name);
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        var process = BotProcess.Start(folder, settings, args);
        _processes.Add(process);
        return process;
    }

    public EditorialDbContext Db() => _database.Open();

    public async Task<string?> HolderAsync()
    {
        await using var db = Db();
        var lease = await db.Leases.AsNoTracking().SingleAsync(l => l.Name == Lease.Gateway);
        return lease.Owner.Length == 0 ? null : lease.Owner;
    }

    public async Task WaitForHolderAsync(string name, int seconds = 120) =>
        await WaitForAsync(async () => await HolderAsync() == name, $"{name} to hold the gateway lease", seconds: seconds);

    public Task WaitForLineAsync(BotProcess process, string text, int seconds = 120) =>
        WaitForAsync(() => Task.FromResult(process.Lines.Any(l => l.Contains(text, StringComparison.Ordinal))), $"'{text}' from process {process.Id}", seconds);

    /// <summary>Polls <paramref name="condition"/> until true; fails with the processes' output after <paramref name="seconds"/>.</summary>
    public async Task WaitForAsync(Func<Task<bool>> condition, string what, int seconds = 120)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                Assert.Fail($"waited {seconds} s for {what}:\n{Outputs()}");
            }
            await Task.Delay(100);
        }
    }

    public async Task<T> QueryAsync<T>(Func<EditorialDbContext, Task<T>> query)
    {
        await using var db = Db();
        return await query(db);
    }

    /// <summary>Plays Discord's side of a fresh login (Identify → READY) for whichever instance connects next.</summary>
    /// <remarks>
    /// <paramref name="onNewConnection"/>: the login is on a connection not yet seen (the previous one may still be
    /// open, held by a paused process, and the script must not wait on it).
    /// </remarks>
    public async Task AcceptLoginAsync(int seconds = 90, bool onNewConnection = false)
    {
        try
        {
            if (onNewConnection)
            {
                await Fake.Gateway.ExpectConnectionAsync(TimeSpan.FromSeconds(seconds));
            }
            await Fake.Gateway.ExpectIdentifyAsync(TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no Identify within {seconds} s:\n{Outputs()}");
        }
        await Fake.Gateway.SendReadyAsync();
    }

    /// <summary>Every process's output, for failure messages.</summary>
    public string Outputs() => string.Join("\n----\n", _processes.Select(static p => $"[{p.Id}{(p.HasExited ? ", exited" : "")}]\n{p.Output}"));

    public IReadOnlyList<FakeMessage> Cards() =>
        [.. Fake.State.MessagesIn(Fake.State.ReviewChannelId).Where(static m => !m.Deleted && m.Embeds.Count > 0)];

    private Dictionary<string, string?> Settings(string name)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Content:Root"] = ContentRoot,
            ["Claims:Glossary"] = "",
            ["Cluster:InstanceId"] = name,
            ["Cluster:Lease"] = "00:00:06",
            ["Cluster:Renew"] = "00:00:01",
            ["Discord:Token"] = Fake.Token,
            ["Discord:ApiBaseUrl"] = Fake.ApiBaseUrl,
            ["Discord:GuildId"] = Fake.State.GuildId.ToString(CultureInfo.InvariantCulture),
            ["Discord:ReviewChannelId"] = Fake.State.ReviewChannelId.ToString(CultureInfo.InvariantCulture),
            ["Discord:EditorRoleIds:0"] = EditorRole.ToString(CultureInfo.InvariantCulture),
            ["Discord:AdminRoleIds:0"] = AdminRole.ToString(CultureInfo.InvariantCulture),
            ["Discord:RetryBaseDelay"] = "00:00:00.050",
            ["Discord:ReconnectBaseDelay"] = "00:00:00.050",
            ["Discord:ReconnectMaxDelay"] = "00:00:00.500",
            ["Discord:IdentifyInterval"] = "00:00:00.050",
            ["Discord:HandshakeTimeout"] = "00:00:10",
            ["Discord:RequestTimeout"] = "00:00:10",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:EditorialBot.Bot.Cluster"] = "Information",
        };
        foreach (var (key, value) in _database.Settings)
        {
            settings[key] = value;
        }
        // Each instance its own session file (and, on PostgreSQL, its own folder beside the unused SQLite path): like
        // separate machines. On SQLite the instances share the database file, as processes on one machine would.
        if (_database.Storage.Provider == StorageProvider.Postgres)
        {
            settings["Storage:Database"] = _folder.File($"{name}/data/editorial.db");
        }
        settings["Discord:SessionFile"] = _folder.File($"{name}/data/gateway-session.json");
        foreach (var (key, value) in _extra)
        {
            settings[key] = value;
        }
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        await Fake.DisposeAsync();
        _database.Dispose();
        _folder.Dispose();
    }
}
