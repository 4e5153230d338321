using EditorialBot.Bot.Hosting;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Publishing;
using EditorialBot.Workflow.Review;
using EditorialBot.Workflow.Sweep;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EditorialBot.Tests.Support;

/// <summary>
/// The engine as the bot composes it (<see cref="BotHost"/>, without the scheduler) over a real content
/// folder and a real database (SQLite file or PostgreSQL, see <see cref="TestDatabase"/>), with a hand-moved clock and a recording review channel.
/// <see cref="RestartAsync"/> throws the services away and builds new ones over the same files.
/// </summary>
internal sealed class TestEngine : IAsyncDisposable
{
    public static readonly Reviewer Ana = new("1001", "ana", IsEditor: true, IsAdmin: false);
    public static readonly Reviewer Ben = new("1002", "ben", IsEditor: true, IsAdmin: false);
    public static readonly Reviewer Boss = new("1003", "boss", IsEditor: false, IsAdmin: true);
    public static readonly Reviewer Guest = new("1004", "guest", IsEditor: false, IsAdmin: false);

    private readonly TempFolder _folder = new();
    private readonly TestDatabase _database = TestDatabase.CreateEmpty();
    private readonly Dictionary<string, string?> _settings;
    private IHost _host;

    private TestEngine(Dictionary<string, string?> settings)
    {
        _settings = settings;
        Directory.CreateDirectory(ContentRoot);
        _settings["Content:Root"] = ContentRoot;
        foreach (var (key, value) in _database.Settings)
        {
            _settings[key] = value;
        }
        _host = Build();
    }

    public string ContentRoot => _folder.File("content");
    public string DatabasePath => _database.Path;
    public StorageOptions Storage => _database.Storage;
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
    public RecordingReviewChannel Channel { get; } = new();

    public IServiceProvider Services => _host.Services;
    public SweepService Sweeps => Services.GetRequiredService<SweepService>();
    public ReviewService Reviews => Services.GetRequiredService<ReviewService>();
    public EpisodePublisher Publisher => Services.GetRequiredService<EpisodePublisher>();
    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();
    public RuntimeSettings Settings => Services.GetRequiredService<RuntimeSettings>();

    public static async Task<TestEngine> StartAsync(params (string Key, string Value)[] settings)
    {
        var engine = new TestEngine(settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        await EditorialDatabase.MigrateAsync(engine.Storage);
        return engine;
    }

    public async Task RestartAsync()
    {
        await DisposeHostAsync();
        _host = Build();
        await EditorialDatabase.MigrateAsync(Storage);
    }

    public EditorialDbContext Db() => _database.Open();

    public string Path(string relative) => System.IO.Path.Combine(ContentRoot, relative);

    public string Write(string relative, string text)
    {
        var full = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        // File systems with coarse timestamps: make every write visible to the stat check.
        File.SetLastWriteTimeUtc(full, DateTime.UtcNow.AddSeconds(Interlocked.Increment(ref s_tick)));
        return full;
    }

    private static long s_tick;

    public Task<SweepResult> SweepAsync() => Sweeps.SweepAsync("test");

    public async Task<Episode> EpisodeAsync(string relative)
    {
        await using var db = Db();
        return await db.Episodes.Include(e => e.Votes).Include(e => e.Claims).AsSplitQuery().SingleAsync(e => e.Path == relative);
    }

    public async Task<List<AuditEntry>> AuditAsync(Guid episodeId)
    {
        await using var db = Db();
        return await db.AuditLog.Where(a => a.EpisodeId == episodeId).OrderBy(a => a.Id).ToListAsync();
    }

    public async Task<List<OutboxMessage>> OutboxAsync(Guid? episodeId = null)
    {
        await using var db = Db();
        return await db.Outbox.Where(m => episodeId == null || m.EpisodeId == episodeId).OrderBy(m => m.Id).ToListAsync();
    }

    public async Task VerifyAllClaimsAsync(Guid episodeId, Reviewer who)
    {
        var numbers = (await EpisodeByIdAsync(episodeId)).Claims.Where(c => c.Active).Select(c => c.Number).ToList();
        foreach (var number in numbers)
        {
            var outcome = await Reviews.SetClaimVerdictAsync(episodeId, number, ClaimVerdict.Verified, who);
            Assert.True(outcome.Ok, outcome.Message);
        }
    }

    public async Task<Episode> EpisodeByIdAsync(Guid id)
    {
        await using var db = Db();
        return await db.Episodes.Include(e => e.Votes).Include(e => e.Claims).AsSplitQuery().SingleAsync(e => e.Id == id);
    }

    private IHost Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        return BotHost.Build(configuration, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.AddSingleton<IReviewChannel>(Channel);
        }, withJobs: false);
    }

    private async Task DisposeHostAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeHostAsync();
        _database.Dispose();
        _folder.Dispose();
    }
}
