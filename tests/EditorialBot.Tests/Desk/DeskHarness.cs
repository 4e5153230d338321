using System.Globalization;
using System.Text.Json.Nodes;
using EditorialBot.Bot.Cli;
using EditorialBot.Bot.Desk;
using EditorialBot.Bot.Hosting;
using EditorialBot.FakeDiscord;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EditorialBot.Tests.Desk;

/// <summary>
/// The whole bot (<see cref="BotHost"/> + <see cref="DeskServiceCollectionExtensions.AddEditorialDesk"/>, scheduler included)
/// over a real content folder and SQLite file, talking to the fake Discord on loopback. <see cref="RestartAsync"/>
/// stops the process-equivalent and starts a new one over the same files and the same fake server.
/// </summary>
internal sealed class DeskHarness : IAsyncDisposable
{
    public const string PostMessage = "POST /channels/{channel_id}/messages";

    private readonly TempFolder _folder = new();
    private readonly TestDatabase _database = TestDatabase.CreateEmpty();
    private readonly Dictionary<string, string?> _extra;
    private IHost? _host;

    private DeskHarness(FakeDiscordServer fake, Dictionary<string, string?> extra)
    {
        Fake = fake;
        _extra = extra;
        EditorRole = fake.State.AddRole("editor").Id;
        AdminRole = fake.State.AddRole("admin").Id;
        Ana = fake.State.AddMember("ana", EditorRole);
        Ben = fake.State.AddMember("ben", EditorRole);
        Mallory = fake.State.AddMember("mallory");
        Boss = fake.State.AddMember("boss", AdminRole);
        Directory.CreateDirectory(ContentRoot);
    }

    public FakeDiscordServer Fake { get; }
    public ulong EditorRole { get; }
    public ulong AdminRole { get; }
    public FakeMember Ana { get; }
    public FakeMember Ben { get; }
    public FakeMember Mallory { get; }
    public FakeMember Boss { get; }
    public string ContentRoot => _folder.File("content");
    public string DatabasePath => _database.Path;

    /// <summary>Command-line overrides that point a verb at the harness's database (either provider).</summary>
    public string[] DatabaseArgs => _database.CliArgs;
    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("not started");
    public ulong ReviewChannel => Fake.State.ReviewChannelId;

    public static async Task<DeskHarness> CreateAsync(params (string Key, string Value)[] settings)
    {
        var fake = await FakeDiscordServer.StartAsync();
        fake.Gateway.HeartbeatInterval = TimeSpan.FromSeconds(30);
        fake.InteractionDeadline = TimeSpan.FromSeconds(15);
        return new DeskHarness(fake, settings.ToDictionary(static s => s.Key, static s => (string?)s.Value));
    }

    public string WriteNote(string relativePath, string text) => _folder.Write("content/" + relativePath, text);

    /// <summary>Starts the bot and plays a fresh login (Identify → READY).</summary>
    public async Task StartAsync()
    {
        _host = BotHost.Build(Configuration(), services => RunCommand.AddRunServices(services, Configuration()));
        await _host.StartAsync();
        await Fake.Gateway.ExpectIdentifyAsync();
        await Fake.Gateway.SendReadyAsync();
    }

    public async Task StopAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.StopAsync();
            host.Dispose();
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task<T> QueryAsync<T>(Func<EditorialDbContext, Task<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<EditorialDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Cards (bot messages with an embed) in the review channel.</summary>
    public IReadOnlyList<FakeMessage> Cards() =>
        [.. Fake.State.MessagesIn(ReviewChannel).Where(static m => !m.Deleted && m.Embeds.Count > 0)];

    public IReadOnlyList<FakeMessage> ThreadMessages(ulong threadId) => Fake.State.MessagesIn(threadId);

    /// <summary>Runs a slash command and returns its first response and the reply's text: the response's own, or (after a defer) the edit of @original.</summary>
    public async Task<(JsonObject Callback, string Text)> CommandAsync(FakeMember member, string name, JsonArray? options = null)
    {
        var interaction = await Fake.DispatchCommandAsync(member, name, options);
        var callback = await Fake.WaitForCallbackAsync(interaction);
        if (callback["type"]!.GetValue<int>() != 5)
        {
            return (callback, callback["data"]?["content"]?.GetValue<string>() ?? "");
        }
        await Eventually(() => Edits(interaction).Count > 0, $"the deferred reply to /{name}");
        return (callback, Edits(interaction)[^1]["content"]?.GetValue<string>() ?? "");
    }

    private static List<JsonObject> Edits(FakeInteraction interaction)
    {
        lock (interaction.OriginalEdits)
        {
            return [.. interaction.OriginalEdits];
        }
    }

    /// <summary>Waits for a condition the bot brings about asynchronously; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for: {what}");
            }
            await Task.Delay(50);
        }
    }

    public static Task Eventually(Func<bool> condition, string what, int seconds = 60) =>
        Eventually(() => Task.FromResult(condition()), what, seconds);

    private IConfiguration Configuration()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Content:Root"] = ContentRoot,
            ["Claims:Glossary"] = "",
            ["Discord:Token"] = Fake.Token,
            ["Discord:ApiBaseUrl"] = Fake.ApiBaseUrl,
            ["Discord:GuildId"] = Fake.State.GuildId.ToString(CultureInfo.InvariantCulture),
            ["Discord:ReviewChannelId"] = ReviewChannel.ToString(CultureInfo.InvariantCulture),
            ["Discord:EditorRoleIds:0"] = EditorRole.ToString(CultureInfo.InvariantCulture),
            ["Discord:AdminRoleIds:0"] = AdminRole.ToString(CultureInfo.InvariantCulture),
            ["Discord:RetryBaseDelay"] = "00:00:00.020",
            ["Discord:ReconnectBaseDelay"] = "00:00:00.020",
            ["Discord:ReconnectMaxDelay"] = "00:00:00.200",
            ["Discord:IdentifyInterval"] = "00:00:00.050",
            ["Discord:InvalidSessionMinDelay"] = "00:00:00.020",
            ["Discord:InvalidSessionMaxDelay"] = "00:00:00.050",
            ["Discord:HandshakeTimeout"] = "00:00:05",
            ["Discord:RequestTimeout"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
            // One instance: a long lease, so that a loaded test machine starving the renewal never makes it step down.
            ["Cluster:Lease"] = "00:05:00",
        };
        foreach (var (key, value) in _database.Settings)
        {
            settings[key] = value;
        }
        foreach (var (key, value) in _extra)
        {
            settings[key] = value;
        }
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Fake.DisposeAsync();
        _database.Dispose();
        _folder.Dispose();
    }
}
