using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace EditorialBot.FakeDiscord;

/// <summary>
/// The gateway side of the fake, scripted step by step: <c>await ExpectIdentifyAsync()</c>, <c>await SendReadyAsync()</c>,
/// <c>await DropAsync()</c>, <c>await AcceptResumeAsync()</c>, <c>await DispatchAsync("INTERACTION_CREATE", d)</c>.
/// Hello is sent on every connection; heartbeats are ACKed automatically unless <see cref="AutoAckHeartbeats"/> is off.
/// Dispatches are kept per session so a resume replays what the client missed.
/// </summary>
public sealed class FakeGateway : IAsyncDisposable
{
    private readonly FakeDiscordServer _server;
    private readonly Channel<FakeGatewayConnection> _incoming = Channel.CreateUnbounded<FakeGatewayConnection>();
    private readonly ConcurrentQueue<FakeGatewayConnection> _all = new();
    private readonly List<(int Seq, string Type, JsonNode? Data)> _history = [];
    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<long> _identifyTimes = new();
    private FakeGatewayConnection? _scripted;
    private int _sequence;
    private int _identifies;
    private int _resumes;
    private int _sessionNumber;

    internal FakeGateway(FakeDiscordServer server) => _server = server;

    /// <summary>Sent in Hello. Keep it small in tests (e.g. 200 ms) so heartbeat scenarios are quick.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(45);

    public bool AutoAckHeartbeats { get; set; } = true;

    public string? SessionId { get; private set; }
    public int Sequence => _sequence;
    public int Identifies => Volatile.Read(ref _identifies);
    public int Resumes => Volatile.Read(ref _resumes);
    public IReadOnlyList<FakeGatewayConnection> Connections => [.. _all];

    /// <summary>Stopwatch timestamps of every Identify received, to check their spacing.</summary>
    public IReadOnlyList<long> IdentifyTimestamps => [.. _identifyTimes];

    /// <summary>The connection the script is talking to (the latest one taken by an Expect call).</summary>
    public FakeGatewayConnection Current => _scripted ?? throw new InvalidOperationException("No gateway connection yet; call an Expect method first.");

    internal async Task AcceptAsync(HttpContext context, bool resume)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new FakeGatewayConnection(this, socket, context.Request.Path + context.Request.QueryString, resume);
        _all.Enqueue(connection);
        await connection.SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = (int)HeartbeatInterval.TotalMilliseconds } }).ConfigureAwait(false);
        _incoming.Writer.TryWrite(connection);
        await connection.RunAsync().ConfigureAwait(false);
    }

    internal void OnFrame(JsonObject frame)
    {
        var op = frame["op"]?.GetValue<int>();
        if (op == 2)
        {
            Interlocked.Increment(ref _identifies);
            _identifyTimes.Enqueue(Stopwatch.GetTimestamp());
            _server.SessionStartRemaining--;
        }
        else if (op == 6)
        {
            Interlocked.Increment(ref _resumes);
        }
    }

    /// <summary>The next connection the client opens (not yet taken by the script).</summary>
    public async Task<FakeGatewayConnection> ExpectConnectionAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? FakeDiscordServer.DefaultTimeout);
        try
        {
            _scripted = await _incoming.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
            return _scripted;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The client opened no new gateway connection in time.");
        }
    }

    /// <summary>Waits for an Identify (on the current connection, or on the next one if the client reconnects) and returns its d.</summary>
    public Task<JsonObject> ExpectIdentifyAsync(TimeSpan? timeout = null) => ExpectOpAsync(2, timeout);

    public Task<JsonObject> ExpectResumeAsync(TimeSpan? timeout = null) => ExpectOpAsync(6, timeout);

    /// <summary>Expects a Resume for the current session, replays every dispatch after its seq, then sends RESUMED.</summary>
    public async Task<JsonObject> AcceptResumeAsync(TimeSpan? timeout = null)
    {
        var resume = await ExpectResumeAsync(timeout).ConfigureAwait(false);
        if (resume["session_id"]?.GetValue<string>() != SessionId)
        {
            throw new InvalidOperationException($"Resume for session {resume["session_id"]}, expected {SessionId}.");
        }
        var from = resume["seq"]?.GetValue<int>() ?? 0;
        List<(int Seq, string Type, JsonNode? Data)> missed;
        lock (_lock)
        {
            missed = _history.Where(h => h.Seq > from).ToList();
        }
        foreach (var (seq, type, data) in missed)
        {
            await Current.SendAsync(Dispatch(seq, type, data)).ConfigureAwait(false);
        }
        await DispatchAsync("RESUMED", new JsonObject()).ConfigureAwait(false);
        return resume;
    }

    /// <summary>Starts a new session: READY with the bot user, the guild as unavailable, and the resume URL.</summary>
    public Task SendReadyAsync(string? sessionId = null)
    {
        lock (_lock)
        {
            _history.Clear();
            _sequence = 0;
            SessionId = sessionId ?? $"session-{++_sessionNumber}";
        }
        var state = _server.State;
        return DispatchAsync("READY", new JsonObject
        {
            ["v"] = 10,
            ["user"] = state.BotUser.ToJson(),
            ["guilds"] = new JsonArray(new JsonObject { ["id"] = FakeState.Id(state.GuildId), ["unavailable"] = true }),
            ["session_id"] = SessionId,
            ["resume_gateway_url"] = $"ws://{_server.BaseAddress.Authority}/resume",
            ["application"] = new JsonObject { ["id"] = FakeState.Id(state.ApplicationId), ["flags"] = 0 },
        });
    }

    /// <summary>Sends a dispatch with the next seq. With no open connection it is only kept, to be replayed on resume.</summary>
    public async Task<int> DispatchAsync(string type, JsonNode? data)
    {
        int seq;
        lock (_lock)
        {
            seq = ++_sequence;
            _history.Add((seq, type, data?.DeepClone()));
        }
        if (_scripted is { IsOpen: true } connection)
        {
            await connection.SendAsync(Dispatch(seq, type, data)).ConfigureAwait(false);
        }
        return seq;
    }

    public Task SendReconnectAsync() => Current.SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });

    public Task SendInvalidSessionAsync(bool resumable) => Current.SendAsync(new JsonObject { ["op"] = 9, ["d"] = resumable });

    public Task RequestHeartbeatAsync() => Current.SendAsync(new JsonObject { ["op"] = 1, ["d"] = null });

    /// <summary>
    /// Closes the current connection with <paramref name="code"/>. 1000 and 1001 end the session (events/gateway.mdx,
    /// "Disconnecting": closing with 1000/1001 invalidates the session), so a Resume afterwards is refused.
    /// </summary>
    public Task CloseAsync(int code, string reason = "")
    {
        if (code is 1000 or 1001)
        {
            lock (_lock)
            {
                SessionId = null;
                _history.Clear();
            }
        }
        return Current.CloseAsync(code, reason);
    }

    /// <summary>Kills the TCP connection without a close frame (a network drop).</summary>
    public Task DropAsync()
    {
        Current.Drop();
        return Current.Closed;
    }

    /// <summary>The next heartbeat's d (the client's last seq, or null) on the current connection.</summary>
    public async Task<JsonNode?> ExpectHeartbeatAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? FakeDiscordServer.DefaultTimeout);
        try
        {
            return await Current.Heartbeats.ReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No heartbeat arrived in time.");
        }
    }

    private async Task<JsonObject> ExpectOpAsync(int op, TimeSpan? timeout)
    {
        using var cts = new CancellationTokenSource(timeout ?? FakeDiscordServer.DefaultTimeout);
        try
        {
            while (true)
            {
                var connection = _scripted ?? await _incoming.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
                _scripted = connection;
                if (!await connection.Inbox.WaitToReadAsync(cts.Token).ConfigureAwait(false))
                {
                    // The client left this connection; follow it to the next one.
                    _scripted = await _incoming.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
                    continue;
                }
                var frame = await connection.Inbox.ReadAsync(cts.Token).ConfigureAwait(false);
                var got = frame["op"]?.GetValue<int>();
                if (got != op)
                {
                    throw new InvalidOperationException($"Expected op {op} from the client, got {frame.ToJsonString()}.");
                }
                return frame["d"] as JsonObject ?? [];
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The client sent no op {op} in time.");
        }
    }

    private static JsonObject Dispatch(int seq, string type, JsonNode? data) =>
        new() { ["op"] = 0, ["s"] = seq, ["t"] = type, ["d"] = data?.DeepClone() };

    public ValueTask DisposeAsync()
    {
        foreach (var connection in _all)
        {
            connection.Drop();
        }
        _incoming.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}

/// <summary>One client WebSocket as the fake sees it.</summary>
public sealed class FakeGatewayConnection
{
    private readonly FakeGateway _gateway;
    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Channel<JsonObject> _inbox = Channel.CreateUnbounded<JsonObject>();
    private readonly Channel<JsonNode?> _heartbeats = Channel.CreateUnbounded<JsonNode?>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _drop = new();

    internal FakeGatewayConnection(FakeGateway gateway, WebSocket socket, string target, bool viaResumeUrl)
    {
        _gateway = gateway;
        _socket = socket;
        Target = target;
        ViaResumeUrl = viaResumeUrl;
    }

    /// <summary>Path and query the client connected to, e.g. "/resume?v=10&amp;encoding=json".</summary>
    public string Target { get; }
    public bool ViaResumeUrl { get; }

    /// <summary>The close code the client sent, if it closed with a frame (null after a drop).</summary>
    public int? ClientCloseCode { get; private set; }

    public bool IsOpen => !_closed.Task.IsCompleted;
    public Task Closed => _closed.Task;
    public int HeartbeatsReceived { get; private set; }

    /// <summary>Overrides <see cref="FakeGateway.AutoAckHeartbeats"/> for this connection only (false: play a zombie connection).</summary>
    public bool? AckHeartbeats { get; set; }

    internal ChannelReader<JsonObject> Inbox => _inbox.Reader;
    internal ChannelReader<JsonNode?> Heartbeats => _heartbeats.Reader;

    public async Task SendAsync(JsonObject frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame.ToJsonString());
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async Task CloseAsync(int code, string reason)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
        await _closed.Task.WaitAsync(FakeDiscordServer.DefaultTimeout).ConfigureAwait(false);
    }

    internal void Drop()
    {
        _drop.Cancel();
        _socket.Abort();
    }

    // Not tied to the request's abort token: Kestrel fires it as soon as the client ends TCP, which can be before this
    // loop has read the close frame that came ahead of it, and Discord reads that frame. A drop without one still ends
    // the loop with a socket error; the fake's own Drop cancels it.
    internal async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, _drop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ClientCloseCode = (int?)_socket.CloseStatus;
                    break;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var frame = JsonNode.Parse(message.ToArray()) as JsonObject;
                message.SetLength(0);
                if (frame is null)
                {
                    continue;
                }
                _gateway.OnFrame(frame);
                if (frame["op"]?.GetValue<int>() == 1)
                {
                    HeartbeatsReceived++;
                    _heartbeats.Writer.TryWrite(frame["d"]?.DeepClone());
                    if (AckHeartbeats ?? _gateway.AutoAckHeartbeats)
                    {
                        await SendAsync(new JsonObject { ["op"] = 11 }).ConfigureAwait(false);
                    }
                    continue;
                }
                _inbox.Writer.TryWrite(frame);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _inbox.Writer.TryComplete();
            _heartbeats.Writer.TryComplete();
            _closed.TrySetResult();
        }
    }
}
