using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Gateway;
using EditorialBot.Bot.Discord.Rest;
using EditorialBot.FakeDiscord;

namespace EditorialBot.Tests.Discord;

/// <summary>The real client wired to a fresh fake Discord on loopback, with delays shrunk so scenarios run quickly.</summary>
internal sealed class DiscordHarness : IAsyncDisposable
{
    private DiscordHarness(FakeDiscordServer fake, DiscordOptions options)
    {
        Fake = fake;
        Options = options;
        Rest = DiscordRestClient.Create(options, new RecordingLogger<DiscordRestClient>(Logs), TimeProvider.System);
        Gateway = new DiscordGateway(options, Rest, new RecordingLogger<DiscordGateway>(Logs), TimeProvider.System);
    }

    public FakeDiscordServer Fake { get; }
    public LogSink Logs { get; } = new();
    public DiscordOptions Options { get; }
    public DiscordRestClient Rest { get; }
    public DiscordGateway Gateway { get; }
    public ulong Channel => Fake.State.ReviewChannelId;

    public static async Task<DiscordHarness> StartAsync(Action<DiscordOptions>? configure = null)
    {
        var fake = await FakeDiscordServer.StartAsync();
        // Long enough that a loaded test machine never looks like a zombie connection; heartbeat tests shorten it.
        fake.Gateway.HeartbeatInterval = TimeSpan.FromSeconds(30);
        // Only the 3-second test keeps Discord's real deadline; elsewhere a busy machine must not turn into 10062s.
        fake.InteractionDeadline = TimeSpan.FromSeconds(15);
        var options = new DiscordOptions
        {
            Token = fake.Token,
            ApiBaseUrl = fake.ApiBaseUrl,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            IdentifyInterval = TimeSpan.FromMilliseconds(50),
            InvalidSessionMinDelay = TimeSpan.FromMilliseconds(20),
            InvalidSessionMaxDelay = TimeSpan.FromMilliseconds(50),
            HandshakeTimeout = TimeSpan.FromSeconds(5),
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return new DiscordHarness(fake, options);
    }

    /// <summary>Starts the gateway and plays a normal login: Identify, then READY; returns once the client saw READY.</summary>
    public async Task ConnectAsync()
    {
        Gateway.Start();
        await Fake.Gateway.ExpectIdentifyAsync();
        await Fake.Gateway.SendReadyAsync();
        await NextEventAsync<ReadyEvent>();
    }

    /// <summary>The next event of type <typeparamref name="T"/>, skipping others; fails after a timeout.</summary>
    public async Task<T> NextEventAsync<T>(TimeSpan? timeout = null) where T : GatewayEvent
    {
        using var cts = new CancellationTokenSource(timeout ?? FakeDiscordServer.DefaultTimeout);
        while (true)
        {
            var next = await Gateway.Events.ReadAsync(cts.Token);
            if (next is T match)
            {
                return match;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        Rest.Dispose();
        await Fake.DisposeAsync();
    }
}
