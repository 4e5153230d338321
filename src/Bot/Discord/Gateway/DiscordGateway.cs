using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Bot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace EditorialBot.Bot.Discord.Gateway;

/// <summary>
/// One gateway session (v10, JSON, no sharding). The receive loop only reads, parses and queues into <see cref="Events"/>;
/// heartbeats run on their own loop, so a slow handler never delays them. Reconnects resume whenever a session exists;
/// identifies are spaced and checked against session_start_limit; fatal close codes stop the gateway with the reason
/// in <see cref="Completion"/> and <see cref="Events"/>.
/// </summary>
internal sealed partial class DiscordGateway : IAsyncDisposable
{
    private const string Query = "?v=10&encoding=json";
    private const int MaxFrameBytes = 4096;

    // How long a close we sent may take to be answered (Discord's close frame, or its end of the TCP connection) before
    // the socket is torn down anyway. Tearing it down at once can make the server lose the close frame (RFC 6455 §7.1.1:
    // the client waits for the server to close), and a lost close frame reads as a dropped connection, not our code.
    private static readonly TimeSpan s_closeHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly DiscordOptions _options;
    private readonly DiscordRestClient _rest;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly System.Threading.Channels.Channel<GatewayEvent> _events = System.Threading.Channels.Channel.CreateUnbounded<GatewayEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private CancellationTokenSource? _stop;
    private Session? _session;
    private int? _sequence;
    private long? _lastIdentifyAt;
    private readonly GatewaySessionStore _store;
    private List<DateTimeOffset> _identifies = [];
    private volatile Connection? _current;
    private volatile bool _stopping;

    public DiscordGateway(DiscordOptions options, DiscordRestClient rest, ILogger<DiscordGateway> logger, TimeProvider time, Random? random = null)
    {
        _options = options;
        _rest = rest;
        _logger = logger;
        _time = time;
        _random = random ?? Random.Shared;
        _store = new GatewaySessionStore(options.SessionFile ?? "", logger);
    }

    /// <summary>Typed events in order of receipt. Completes when the gateway stops; faults with <see cref="DiscordGatewayFatalException"/> on a fatal close.</summary>
    public ChannelReader<GatewayEvent> Events => _events.Reader;

    /// <summary>Runs until <see cref="StopAsync"/>; faults with <see cref="DiscordGatewayFatalException"/> when Discord refuses the session for good.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>When set, no frame is sent or dispatched while it is closed (see <see cref="DiscordSendGate"/>).</summary>
    public DiscordSendGate? Gate { get; init; }

    public User? CurrentUser { get; private set; }
    public Snowflake? ApplicationId { get; private set; }
    public string? SessionId => _session?.Id;
    public int? Sequence => _sequence;

    /// <summary>READY or RESUMED arrived on the current connection and it has not closed since.</summary>
    public bool IsSessionLive => _current is { Ready: true } connection && !connection.Token.IsCancellationRequested;

    public void Start()
    {
        if (_stop is not null)
        {
            throw new InvalidOperationException("The gateway was already started.");
        }
        _stop = new CancellationTokenSource();
        Remember();
        var token = _stop.Token;
        Completion = Task.Run(() => RunAsync(token));
    }

    /// <summary>Deliberate shutdown: closes with 1000 (which ends the session) and waits for the loops to finish.</summary>
    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }
        _stopping = true;
        if (_current is { } connection)
        {
            // 1000 ends the session on Discord's side: the bot goes offline at once instead of timing out. Cancelling at
            // once would abort the socket under the close frame, so the receive loop first sees Discord answer it.
            if (await CloseQuietlyAsync(connection, WebSocketCloseStatus.NormalClosure, "shutting down").ConfigureAwait(false))
            {
                try
                {
                    await connection.Ended.Task.WaitAsync(s_closeHandshakeTimeout).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Discord never answered: the cancellation below tears the socket down anyway.
                }
            }
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DiscordGatewayFatalException)
        {
        }
        // The 1000 close ended the session: nothing to resume next time, but the identify history stays.
        _session = null;
        _sequence = null;
        Persist();
    }

    /// <summary>After a restart: resume a session that is young enough, and load the recent identifies.</summary>
    private void Remember()
    {
        var memory = _store.Load();
        _identifies = [.. memory.Identifies];
        if (memory is { SessionId: { } id, ResumeUrl: { } url, SavedAt: { } saved } && _time.GetUtcNow() - saved < _options.SessionResumeWindow)
        {
            _session = new Session(id, url);
            _sequence = memory.Sequence;
            LogRemembered(id, memory.Sequence);
        }
    }

    private void Persist() =>
        _store.Save(new GatewayMemory(_session?.Id, _session?.ResumeUrl, _sequence, _time.GetUtcNow(), _identifies));

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop?.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                ConnectionOutcome outcome;
                try
                {
                    var url = _session?.ResumeUrl ?? await PrepareIdentifyAsync(ct).ConfigureAwait(false);
                    outcome = await RunConnectionAsync(url, ct).ConfigureAwait(false);
                    if (_stopping)
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break;
                }
                catch (DiscordApiException ex) when (ex.Status == System.Net.HttpStatusCode.Unauthorized)
                {
                    throw new DiscordGatewayFatalException(4004, "GET /gateway/bot refused the bot token (401)");
                }
                catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException or JsonException or DiscordApiException or OperationCanceledException)
                {
                    LogConnectionFailed(ex.GetType().Name, ex.Message);
                    outcome = new ConnectionOutcome(CloseAction.Resume, Healthy: false, "connection failed");
                }
                if (outcome.Action == CloseAction.Fatal)
                {
                    LogFatal(outcome.CloseCode, outcome.Reason);
                    throw new DiscordGatewayFatalException(outcome.CloseCode, outcome.Reason);
                }
                if (outcome.Healthy)
                {
                    failures = 0;
                }
                if (outcome.Action == CloseAction.NewSession)
                {
                    _session = null;
                    _sequence = null;
                    Persist();
                }
                var delay = outcome.InvalidSession ? RandomBetween(_options.InvalidSessionMinDelay, _options.InvalidSessionMaxDelay) : Backoff(failures++);
                LogReconnecting(outcome.Reason, _session is not null, delay.TotalMilliseconds);
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            }
            _events.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _events.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            _events.Writer.TryComplete(ex);
            throw;
        }
    }

    // Before a fresh session: honour session_start_limit (running out resets the bot token) and the identify spacing.
    private async Task<string> PrepareIdentifyAsync(CancellationToken ct)
    {
        while (true)
        {
            var info = await _rest.GetGatewayBotAsync(ct).ConfigureAwait(false);
            var limit = info.SessionStartLimit;
            var now = _time.GetUtcNow();
            _identifies.RemoveAll(t => now - t > TimeSpan.FromDays(1));
            var lastHour = _identifies.Where(t => now - t < TimeSpan.FromHours(1)).Order().ToList();
            if (lastHour.Count >= _options.MaxIdentifiesPerHour)
            {
                // Our own budget, kept across restarts: a crash loop waits here instead of spending Discord's daily cap.
                var until = lastHour[^_options.MaxIdentifiesPerHour] + TimeSpan.FromHours(1);
                LogOwnIdentifyBudget(lastHour.Count, _options.MaxIdentifiesPerHour, until);
                await Task.Delay(until - now, _time, ct).ConfigureAwait(false);
                continue;
            }
            if (limit.Remaining > 0)
            {
                var interval = _options.IdentifyInterval / Math.Max(1, limit.MaxConcurrency);
                if (_lastIdentifyAt is { } last && _time.GetElapsedTime(last) < interval)
                {
                    await Task.Delay(interval - _time.GetElapsedTime(last), _time, ct).ConfigureAwait(false);
                }
                return info.Url.TrimEnd('/');
            }
            var wait = TimeSpan.FromMilliseconds(Math.Max(1000, limit.ResetAfter));
            LogIdentifyBudgetExhausted(limit.Total, wait.TotalMinutes);
            await Task.Delay(wait, _time, ct).ConfigureAwait(false);
        }
    }

    private async Task<ConnectionOutcome> RunConnectionAsync(string url, CancellationToken ct)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var state = new Connection(socket, new GatewaySendBudget(_time), connection, _time);
        _current = state;
        Task heartbeat = Task.CompletedTask;
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(connection.Token))
            {
                connectTimeout.CancelAfter(_options.HandshakeTimeout);
                await socket.ConnectAsync(new Uri(url + Query), connectTimeout.Token).ConfigureAwait(false);
                var first = await ReceiveAsync(state, connectTimeout.Token).ConfigureAwait(false);
                if (first.Close is { } early)
                {
                    return FromClose(early, state);
                }
                if (first.Payload!.Op == 7)
                {
                    return new ConnectionOutcome(CloseAction.Resume, false, "op 7 before Hello");
                }
                if (first.Payload.Op != 10 || first.Payload.D is not { } helloData)
                {
                    return new ConnectionOutcome(CloseAction.Resume, false, $"expected Hello, got op {first.Payload.Op}");
                }
                var hello = helloData.Deserialize(DiscordJsonContext.Default.Hello)!;
                state.Interval = TimeSpan.FromMilliseconds(hello.HeartbeatInterval);
            }
            heartbeat = HeartbeatLoopAsync(state);
            if (_session is { } session)
            {
                await SendAsync(state, 6, w => JsonSerializer.Serialize(w, new Resume(_options.Token, session.Id, _sequence), DiscordJsonContext.Default.Resume), privileged: true).ConfigureAwait(false);
                LogResuming(session.Id, _sequence);
            }
            else
            {
                var identify = new Identify(_options.Token, _options.Intents, new IdentifyProperties("linux", "editorial-bot", "editorial-bot"));
                // Counted before sending (a crash right after must still count it), spaced from when the send completed
                // (Discord sees it no later than that, so the next one is at least the interval after it on their side too).
                _identifies.Add(_time.GetUtcNow());
                Persist();
                await SendAsync(state, 2, w => JsonSerializer.Serialize(w, identify, DiscordJsonContext.Default.Identify), privileged: true).ConfigureAwait(false);
                _lastIdentifyAt = _time.GetTimestamp();
                LogIdentifying(_options.Intents);
            }
            _ = WatchHandshakeAsync(state);
            return await ReceiveLoopAsync(state).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && state.AbortReason is { } reason)
        {
            return new ConnectionOutcome(CloseAction.Resume, state.Ready, reason);
        }
        catch (WebSocketException ex) when (!ct.IsCancellationRequested)
        {
            // A drop without a close frame leaves the session resumable; after our own close it is the server's answer.
            return new ConnectionOutcome(CloseAction.Resume, state.Ready, state.AbortReason ?? $"socket error: {ex.Message}");
        }
        finally
        {
            state.Ended.TrySetResult();
            if (ct.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                await CloseQuietlyAsync(state, WebSocketCloseStatus.NormalClosure, "shutting down").ConfigureAwait(false);
            }
            await connection.CancelAsync().ConfigureAwait(false);
            socket.Abort();
            try
            {
                await heartbeat.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task<ConnectionOutcome> ReceiveLoopAsync(Connection state)
    {
        while (true)
        {
            // Last-resort watchdog should the heartbeat loop itself have died: nothing at all for three intervals. It closes
            // like the heartbeat loop does; cancelling the receive instead would abort the socket without a close frame.
            Frame frame;
            using (_time.CreateTimer(_ => _ = AbortAsync(state, "watchdog: nothing received for three heartbeat intervals"), null, state.Interval * 3, Timeout.InfiniteTimeSpan))
            {
                frame = await ReceiveAsync(state, state.Token).ConfigureAwait(false);
            }
            if (frame.Close is { } close)
            {
                // After our own close (zombie, watchdog, no READY) this is the server's answer: resume as we meant to.
                return state.AbortReason is { } reason ? new ConnectionOutcome(CloseAction.Resume, state.Ready, reason) : FromClose(close, state);
            }
            var payload = frame.Payload!;
            // A process that lost the lease (e.g. woken from a pause) drops what arrived; the live instance handles it.
            Gate?.ThrowIfClosed();
            switch (payload.Op)
            {
                case 0:
                    if (payload.S is { } s)
                    {
                        _sequence = s;
                    }
                    Dispatch(payload, frame.ReceivedAt, state);
                    break;
                case 1:
                    await SendHeartbeatAsync(state).ConfigureAwait(false);
                    break;
                case 7:
                    await CloseAndDrainAsync(state, "reconnect requested").ConfigureAwait(false);
                    return new ConnectionOutcome(CloseAction.Resume, state.Ready, "op 7 reconnect");
                case 9:
                    var resumable = payload.D is { ValueKind: JsonValueKind.True } && _session is not null;
                    await CloseAndDrainAsync(state, "invalid session").ConfigureAwait(false);
                    return resumable
                        ? new ConnectionOutcome(CloseAction.Resume, state.Ready, "op 9 invalid session (resumable)")
                        : new ConnectionOutcome(CloseAction.NewSession, state.Ready, "op 9 invalid session", InvalidSession: true);
                case 11:
                    state.AckPending = false;
                    break;
            }
        }
    }

    private void Dispatch(GatewayPayload payload, long receivedAt, Connection state)
    {
        if (payload.D is not { } d)
        {
            return;
        }
        var json = DiscordJsonContext.Default;
        try
        {
            GatewayEvent? ev = payload.T switch
            {
                "READY" => OnReady(d.Deserialize(json.Ready)!, receivedAt, state),
                "RESUMED" => OnResumed(receivedAt, state),
                "GUILD_CREATE" => new GuildCreateEvent(receivedAt, d.Deserialize(json.Guild)!),
                "MESSAGE_REACTION_ADD" => new ReactionAddedEvent(receivedAt, d.Deserialize(json.MessageReactionAdd)!),
                "MESSAGE_REACTION_REMOVE" => new ReactionRemovedEvent(receivedAt, d.Deserialize(json.MessageReactionRemove)!),
                "INTERACTION_CREATE" => new InteractionCreatedEvent(receivedAt, d.Deserialize(json.Interaction)!),
                _ => null,
            };
            if (ev is not null)
            {
                _events.Writer.TryWrite(ev);
            }
        }
        catch (JsonException ex)
        {
            // One malformed event must not take the session down.
            LogBadEvent(payload.T, payload.S, ex.Message);
        }
    }

    private ReadyEvent OnReady(Ready ready, long receivedAt, Connection state)
    {
        _session = new Session(ready.SessionId, ready.ResumeGatewayUrl.TrimEnd('/'));
        CurrentUser = ready.User;
        ApplicationId = ready.Application.Id;
        state.Ready = true;
        Persist();
        LogReady(ready.SessionId, ready.User.Id.Value);
        return new ReadyEvent(receivedAt, ready);
    }

    private ResumedEvent OnResumed(long receivedAt, Connection state)
    {
        state.Ready = true;
        Persist();
        LogResumed(_session?.Id, _sequence);
        return new ResumedEvent(receivedAt);
    }

    private ConnectionOutcome FromClose(Close close, Connection state)
    {
        var action = close.Code is { } code ? GatewayCloseCodes.ActionFor(code) : CloseAction.Resume;
        var reason = close.Code is { } c ? $"{c} {GatewayCloseCodes.Describe(c)}" : "closed without a code";
        return new ConnectionOutcome(action, state.Ready, reason, CloseCode: close.Code ?? 0);
    }

    private async Task HeartbeatLoopAsync(Connection state)
    {
        var token = state.Token;
        // The first beat is jittered so a fleet of reconnecting clients does not beat in step.
        await Task.Delay(state.Interval * _random.NextDouble(), _time, token).ConfigureAwait(false);
        while (!token.IsCancellationRequested)
        {
            if (state.AckPending)
            {
                LogZombie(state.Interval.TotalMilliseconds);
                await AbortAsync(state, "zombie connection: no heartbeat ACK between two beats").ConfigureAwait(false);
                return;
            }
            // Watchdog: no dispatch, ACK or anything else for two intervals means a dead connection even if TCP says otherwise.
            if (_time.GetElapsedTime(Volatile.Read(ref state.LastFrameAt)) > state.Interval * 2)
            {
                await AbortAsync(state, "watchdog: nothing received for two heartbeat intervals").ConfigureAwait(false);
                return;
            }
            try
            {
                await SendHeartbeatAsync(state).ConfigureAwait(false);
                if (state.Ready)
                {
                    Persist(); // keeps the remembered seq close to the live one at the heartbeat's pace, off the receive path
                }
            }
            catch (WebSocketException)
            {
                await AbortAsync(state, "heartbeat could not be sent").ConfigureAwait(false);
                return;
            }
            await Task.Delay(state.Interval, _time, token).ConfigureAwait(false);
        }
    }

    private async Task WatchHandshakeAsync(Connection state)
    {
        try
        {
            await Task.Delay(_options.HandshakeTimeout, _time, state.Token).ConfigureAwait(false);
            if (!state.Ready)
            {
                await AbortAsync(state, "no READY/RESUMED within the handshake timeout").ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task SendHeartbeatAsync(Connection state)
    {
        state.AckPending = true;
        var seq = _sequence;
        await SendAsync(state, 1, w =>
        {
            if (seq is { } s)
            {
                w.WriteNumberValue(s);
            }
            else
            {
                w.WriteNullValue();
            }
        }, privileged: true).ConfigureAwait(false);
    }

    // From outside the receive loop (heartbeat, handshake watch). Closing with a code other than 1000/1001 keeps the
    // session resumable: a client without a heartbeat ACK "should immediately terminate the connection with any close code
    // besides 1000 or 1001, then reconnect and attempt to Resume" (discord-api-docs events/gateway.mdx, "Heartbeat
    // Interval"). The pending receive then ends on the server's answer; cancelling it now would abort the socket under
    // the close frame, so cancellation is only the bound for a server that never answers.
    private static async Task AbortAsync(Connection state, string reason)
    {
        state.AbortReason ??= reason;
        var sent = await CloseQuietlyAsync(state, (WebSocketCloseStatus)4000, "reconnecting").ConfigureAwait(false);
        try
        {
            if (sent)
            {
                state.Cancellation.CancelAfter(s_closeHandshakeTimeout);
            }
            else
            {
                await state.Cancellation.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (ObjectDisposedException)
        {
            // The connection is already over.
        }
    }

    // From inside the receive loop, which is then the only reader: send the resumable close and read until the server
    // answers it, so the socket is not torn down under the close frame.
    private async Task CloseAndDrainAsync(Connection state, string description)
    {
        if (!await CloseQuietlyAsync(state, (WebSocketCloseStatus)4000, description).ConfigureAwait(false))
        {
            return;
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(state.Token);
            timeout.CancelAfter(s_closeHandshakeTimeout);
            while ((await ReceiveAsync(state, timeout.Token).ConfigureAwait(false)).Close is null)
            {
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or JsonException)
        {
        }
    }

    /// <summary>Sends a close frame; true when it went out. A cancelled close aborts the socket, hence the generous bound.</summary>
    private static async Task<bool> CloseQuietlyAsync(Connection state, WebSocketCloseStatus status, string description)
    {
        try
        {
            using var timeout = new CancellationTokenSource(s_closeHandshakeTimeout);
            await state.SendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                if (state.Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await state.Socket.CloseOutputAsync(status, description, timeout.Token).ConfigureAwait(false);
                    return true;
                }
                return false;
            }
            finally
            {
                state.SendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }

    private async Task SendAsync(Connection state, int op, Action<Utf8JsonWriter> writeData, bool privileged)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("op", op);
            writer.WritePropertyName("d");
            writeData(writer);
            writer.WriteEndObject();
        }
        if (buffer.WrittenCount > MaxFrameBytes)
        {
            throw new InvalidOperationException($"Gateway frame for op {op} is {buffer.WrittenCount} bytes; Discord closes the connection above {MaxFrameBytes}.");
        }
        await state.Budget.TakeAsync(privileged, state.Token).ConfigureAwait(false);
        await state.SendLock.WaitAsync(state.Token).ConfigureAwait(false);
        try
        {
            Gate?.ThrowIfClosed();
            await state.Socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, state.Token).ConfigureAwait(false);
        }
        finally
        {
            state.SendLock.Release();
        }
    }

    private async Task<Frame> ReceiveAsync(Connection state, CancellationToken ct)
    {
        var buffer = state.Buffer;
        buffer.ResetWrittenCount();
        while (true)
        {
            var result = await state.Socket.ReceiveAsync(buffer.GetMemory(4096), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                var code = (int?)state.Socket.CloseStatus;
                LogClosed(code, state.Socket.CloseStatusDescription);
                return new Frame(null, new Close(code), 0);
            }
            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                var receivedAt = _time.GetTimestamp();
                Volatile.Write(ref state.LastFrameAt, receivedAt);
                var payload = JsonSerializer.Deserialize(buffer.WrittenSpan, DiscordJsonContext.Default.GatewayPayload)
                    ?? throw new JsonException("Empty gateway frame.");
                return new Frame(payload, null, receivedAt);
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var baseMs = _options.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 16));
        var capped = Math.Min(baseMs, _options.ReconnectMaxDelay.TotalMilliseconds);
        // ±25 % jitter so reconnecting clients spread out.
        return TimeSpan.FromMilliseconds(capped * (0.75 + _random.NextDouble() * 0.5));
    }

    private TimeSpan RandomBetween(TimeSpan min, TimeSpan max) => min + (max - min) * _random.NextDouble();

    private sealed record Session(string Id, string ResumeUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway remembered session {SessionId} at seq {Seq} from before the restart; resuming it")]
    private partial void LogRemembered(string sessionId, int? seq);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gateway identified {Count} times in the last hour (limit {Limit}, Discord:MaxIdentifiesPerHour); waiting until {Until:u} before identifying again")]
    private partial void LogOwnIdentifyBudget(int count, int limit, DateTimeOffset until);

    private sealed record Close(int? Code);

    private sealed record Frame(GatewayPayload? Payload, Close? Close, long ReceivedAt);

    private sealed record ConnectionOutcome(CloseAction Action, bool Healthy, string Reason, bool InvalidSession = false, int CloseCode = 0);

    /// <summary>Per-connection state: a fresh ACK flag, send budget and lock for every socket.</summary>
    private sealed class Connection(ClientWebSocket socket, GatewaySendBudget budget, CancellationTokenSource cancellation, TimeProvider time)
    {
        public ClientWebSocket Socket { get; } = socket;
        public GatewaySendBudget Budget { get; } = budget;
        public CancellationTokenSource Cancellation { get; } = cancellation;
        public CancellationToken Token { get; } = cancellation.Token;
        public SemaphoreSlim SendLock { get; } = new(1, 1);
        public ArrayBufferWriter<byte> Buffer { get; } = new(16 * 1024);
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(41.25);
        public long LastFrameAt = time.GetTimestamp();
        public volatile bool AckPending;
        public volatile bool Ready;
        public volatile string? AbortReason;

        /// <summary>Set once the connection's receive side is over, before the socket is torn down.</summary>
        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway identifying with intents {Intents}")]
    private partial void LogIdentifying(int intents);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway resuming session {SessionId} at seq {Seq}")]
    private partial void LogResuming(string sessionId, int? seq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway ready: session {SessionId}, bot user {UserId}")]
    private partial void LogReady(string sessionId, ulong userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway resumed session {SessionId} at seq {Seq}")]
    private partial void LogResumed(string? sessionId, int? seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway closed by Discord with {Code} {Description}")]
    private partial void LogClosed(int? code, string? description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway reconnecting ({Reason}); resume: {Resume}; in {DelayMs} ms")]
    private partial void LogReconnecting(string reason, bool resume, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway connection failed: {Error}: {Message}")]
    private partial void LogConnectionFailed(string error, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway zombie: no heartbeat ACK within {IntervalMs} ms; reconnecting to resume")]
    private partial void LogZombie(double intervalMs);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Gateway stopped for good: close code {Code}, {Reason}. Fix the configuration; the bot will not reconnect.")]
    private partial void LogFatal(int code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Identify budget exhausted ({Total} per day); waiting {Minutes:F1} min before identifying")]
    private partial void LogIdentifyBudgetExhausted(int total, double minutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped malformed {Event} event (seq {Seq}): {Error}")]
    private partial void LogBadEvent(string? @event, int? seq, string error);
}
