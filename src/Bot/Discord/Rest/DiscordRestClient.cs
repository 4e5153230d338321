using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EditorialBot.Bot.Discord.Models;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace EditorialBot.Bot.Discord.Rest;

/// <summary>
/// One method per Discord REST endpoint the bot uses. Rate limits are owned by <see cref="RouteRateLimiter"/>;
/// the Polly pipeline only retries network errors, timeouts and 5xx. 400/401/403/404 are never retried, and after
/// a 401 nothing else is sent.
/// </summary>
internal sealed partial class DiscordRestClient : IDisposable
{
    private static readonly DiscordJsonContext s_json = DiscordJsonContext.Default;

    private readonly HttpClient _http;
    private readonly DiscordOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly RouteRateLimiter _limiter;
    private readonly ResiliencePipeline<HttpResponseMessage> _transient;
    private readonly string _baseUrl;
    private readonly string _userAgent;
    private readonly System.Threading.Channels.Channel<string> _alerts =
        System.Threading.Channels.Channel.CreateBounded<string>(new System.Threading.Channels.BoundedChannelOptions(16) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropOldest });
    private volatile bool _unauthorized;

    public DiscordRestClient(HttpClient http, DiscordOptions options, ILogger<DiscordRestClient> logger, TimeProvider time)
    {
        _http = http;
        _options = options;
        _logger = logger;
        _time = time;
        _limiter = new RouteRateLimiter(time, options, OnAlert);
        _baseUrl = options.ApiBaseUrl.TrimEnd('/');
        _userAgent = $"DiscordBot ({options.UserAgentUrl}, {Version})";
        _transient = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, options.RetryAttempts),
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    LogRetry(args.AttemptNumber + 1, (int?)args.Outcome.Result?.StatusCode, args.Outcome.Exception?.GetType().Name, args.RetryDelay.TotalMilliseconds);
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .Build();
    }

    /// <summary>When set, every request first checks it (see <see cref="DiscordSendGate"/>).</summary>
    public DiscordSendGate? Gate { get; init; }

    public static DiscordRestClient Create(DiscordOptions options, ILogger<DiscordRestClient> logger, TimeProvider time, DiscordSendGate? gate = null) =>
        new(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan }, options, logger, time) { Gate = gate };

    public void Dispose() => _http.Dispose();

    /// <summary>What the admins should hear about the client's health (invalid-request budget, bans); the desk posts them to the review channel.</summary>
    public System.Threading.Channels.ChannelReader<string> Alerts => _alerts.Reader;

    /// <summary>Invalid requests (401, 403, non-shared 429) in the last 10 minutes, as the client counts them.</summary>
    public int InvalidRequests => _limiter.InvalidRequests;

    private static string Version =>
        (typeof(DiscordRestClient).Assembly.GetName().Version ?? new Version(1, 0)).ToString(3);

    private void OnAlert(string text)
    {
        LogAlert(text);
        _alerts.Writer.TryWrite(text);
    }

    // ---- gateway, identity ----

    public Task<GatewayBot> GetGatewayBotAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"/gateway/bot", null, s_json.GatewayBot, ct)!;

    public Task<User> GetCurrentUserAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"/users/@me", null, s_json.User, ct)!;

    public Task<Application> GetCurrentApplicationAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"/applications/@me", null, s_json.Application, ct)!;

    // ---- messages ----

    /// <summary>Posts a message. Mentions nobody unless <see cref="MessageCreate.AllowedMentions"/> names users or roles; a nonce makes a retried post idempotent.</summary>
    public Task<Message> CreateMessageAsync(Snowflake channelId, MessageCreate message, CancellationToken ct = default)
    {
        DiscordLimits.ValidateMessage(message.Content, message.Embeds, message.Components, message.AllowedMentions);
        message = message with
        {
            AllowedMentions = message.AllowedMentions ?? AllowedMentions.None,
            Nonce = message.Nonce ?? NewNonce(),
            EnforceNonce = message.EnforceNonce ?? true,
        };
        return SendAsync(HttpMethod.Post, $"/channels/{channelId}/messages", Body(message, s_json.MessageCreate), s_json.Message, ct)!;
    }

    public Task<Message> EditMessageAsync(Snowflake channelId, Snowflake messageId, MessageEdit edit, CancellationToken ct = default)
    {
        DiscordLimits.ValidateMessage(edit.Content, edit.Embeds, edit.Components, edit.AllowedMentions);
        edit = edit with { AllowedMentions = edit.AllowedMentions ?? AllowedMentions.None };
        return SendAsync(HttpMethod.Patch, $"/channels/{channelId}/messages/{messageId}", Body(edit, s_json.MessageEdit), s_json.Message, ct)!;
    }

    public Task DeleteMessageAsync(Snowflake channelId, Snowflake messageId, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, $"/channels/{channelId}/messages/{messageId}", null, null, ct);

    public Task<Message> GetMessageAsync(Snowflake channelId, Snowflake messageId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"/channels/{channelId}/messages/{messageId}", null, s_json.Message, ct)!;

    /// <summary>
    /// Changes a thread's archived/locked state or auto-archive duration. <c>archived: false</c> reopens an archived thread
    /// so its messages can be edited and reacted to again (a locked one needs MANAGE_THREADS: 403 / 50013 otherwise).
    /// </summary>
    public Task<Channel> ModifyThreadAsync(Snowflake threadId, ModifyThread change, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Patch, $"/channels/{threadId}", Body(change, s_json.ModifyThread), s_json.Channel, ct)!;

    public Task<Channel> UnarchiveThreadAsync(Snowflake threadId, CancellationToken ct = default) =>
        ModifyThreadAsync(threadId, new ModifyThread(Archived: false), ct);

    /// <summary>Starts a public thread on a message; the thread's id equals the message's id.</summary>
    public Task<Channel> StartThreadFromMessageAsync(Snowflake channelId, Snowflake messageId, string name, int? autoArchiveMinutes = null, CancellationToken ct = default)
    {
        DiscordLimits.ValidateThreadName(name);
        return SendAsync(HttpMethod.Post, $"/channels/{channelId}/messages/{messageId}/threads",
            Body(new StartThread(name, autoArchiveMinutes), s_json.StartThread), s_json.Channel, ct)!;
    }

    /// <summary>One page of a channel's messages (newest first, at most 100), each with its reaction counts.</summary>
    public async Task<IReadOnlyList<Message>> GetMessagesAsync(Snowflake channelId, Snowflake? before = null, int limit = 100, CancellationToken ct = default) =>
        (await (before is { } b
            ? SendAsync(HttpMethod.Get, $"/channels/{channelId}/messages?limit={limit}&before={b}", null, s_json.ListMessage, ct)
            : SendAsync(HttpMethod.Get, $"/channels/{channelId}/messages?limit={limit}", null, s_json.ListMessage, ct)).ConfigureAwait(false))!;

    // ---- reactions ----

    /// <summary><paramref name="emoji"/> is a Unicode emoji ("✅") or a custom one as name:id.</summary>
    public Task AddOwnReactionAsync(Snowflake channelId, Snowflake messageId, string emoji, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Put, $"/channels/{channelId}/messages/{messageId}/reactions/{emoji}/@me", null, null, ct);

    /// <summary>Everyone who reacted with <paramref name="emoji"/>, all pages (100 per request).</summary>
    public async Task<IReadOnlyList<User>> GetReactionsAsync(Snowflake channelId, Snowflake messageId, string emoji, CancellationToken ct = default)
    {
        var all = new List<User>();
        Snowflake after = 0;
        while (true)
        {
            var page = await SendAsync(HttpMethod.Get, $"/channels/{channelId}/messages/{messageId}/reactions/{emoji}?limit=100&after={after}", null, s_json.ListUser, ct).ConfigureAwait(false);
            all.AddRange(page!);
            if (page!.Count < 100)
            {
                return all;
            }
            after = page.Max(u => u.Id);
        }
    }

    // ---- guild ----

    public Task<GuildMember> GetGuildMemberAsync(Snowflake guildId, Snowflake userId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"/guilds/{guildId}/members/{userId}", null, s_json.GuildMember, ct)!;

    public async Task<IReadOnlyList<Role>> GetGuildRolesAsync(Snowflake guildId, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Get, $"/guilds/{guildId}/roles", null, s_json.ListRole, ct).ConfigureAwait(false))!;

    public Task<Channel> GetChannelAsync(Snowflake channelId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"/channels/{channelId}", null, s_json.Channel, ct)!;

    public async Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGuildCommandsAsync(Snowflake applicationId, Snowflake guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Put, $"/applications/{applicationId}/guilds/{guildId}/commands",
            Body(commands.ToList(), s_json.ListApplicationCommand), s_json.ListApplicationCommand, ct).ConfigureAwait(false))!;

    // ---- interactions ----

    /// <summary>
    /// The initial response (types 4-9). Sent at once: no bucket queue, no global pause, no retry (a retried callback
    /// could answer twice). <paramref name="receivedAt"/> is the local <see cref="TimeProvider.GetTimestamp"/> at receipt,
    /// logged with every 10062 so a missed 3-second window is visible.
    /// </summary>
    public async Task CreateInteractionResponseAsync(Snowflake interactionId, string token, InteractionResponse response, long receivedAt, CancellationToken ct = default)
    {
        ValidateCallback(response);
        if (response.Type is InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.UpdateMessage && response.Data is { AllowedMentions: null } data)
        {
            response = response with { Data = data with { AllowedMentions = AllowedMentions.None } };
        }
        var route = RestRoute.Create(HttpMethod.Post, $"/interactions/{interactionId}/{token}/callback", bypassGlobal: true);
        ThrowIfUnauthorized(route);
        using var request = NewRequest(route, Body(response, s_json.InteractionResponse));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.RequestTimeout);
        using var reply = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        _limiter.Observe(reply);
        if (!reply.IsSuccessStatusCode)
        {
            var error = await ToExceptionAsync(route, reply, ct).ConfigureAwait(false);
            if (error.Code == DiscordApiException.UnknownInteraction)
            {
                LogUnknownInteraction(interactionId.Value, _time.GetElapsedTime(receivedAt).TotalMilliseconds);
            }
            throw error;
        }
        LogInteractionAnswered(interactionId.Value, (int)response.Type, _time.GetElapsedTime(receivedAt).TotalMilliseconds);
    }

    public Task<Message> EditOriginalResponseAsync(Snowflake applicationId, string token, MessageEdit edit, CancellationToken ct = default)
    {
        DiscordLimits.ValidateMessage(edit.Content, edit.Embeds, edit.Components, edit.AllowedMentions);
        edit = edit with { AllowedMentions = edit.AllowedMentions ?? AllowedMentions.None };
        return SendAsync(HttpMethod.Patch, $"/webhooks/{applicationId}/{token}/messages/@original", Body(edit, s_json.MessageEdit), s_json.Message, ct, bypassGlobal: true)!;
    }

    /// <summary>Deletes the initial response (e.g. a "thinking…" placeholder that must not carry the real answer).</summary>
    public Task DeleteOriginalResponseAsync(Snowflake applicationId, string token, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, $"/webhooks/{applicationId}/{token}/messages/@original", null, null, ct, bypassGlobal: true);

    public Task<Message> CreateFollowUpAsync(Snowflake applicationId, string token, MessageCreate message, CancellationToken ct = default)
    {
        DiscordLimits.ValidateMessage(message.Content, message.Embeds, message.Components, message.AllowedMentions);
        message = message with { AllowedMentions = message.AllowedMentions ?? AllowedMentions.None };
        return SendAsync(HttpMethod.Post, $"/webhooks/{applicationId}/{token}", Body(message, s_json.MessageCreate), s_json.Message, ct, bypassGlobal: true)!;
    }

    // ---- plumbing ----

    private static void ValidateCallback(InteractionResponse response)
    {
        if (response.Data is not { } data)
        {
            return;
        }
        switch (response.Type)
        {
            case InteractionCallbackType.AutocompleteResult:
                DiscordLimits.ValidateChoices(data.Choices ?? []);
                break;
            case InteractionCallbackType.Modal:
                DiscordLimits.ValidateModal(new Modal(data.CustomId ?? "", data.Title ?? "", data.Components ?? []));
                break;
            default:
                DiscordLimits.ValidateMessage(data.Content, data.Embeds, data.Components, data.AllowedMentions);
                break;
        }
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, FormattableString path, byte[]? body, JsonTypeInfo<T>? result, CancellationToken ct, bool bypassGlobal = false)
    {
        var route = RestRoute.Create(method, path, bypassGlobal);
        Gate?.ThrowIfClosed();
        ThrowIfUnauthorized(route);
        using var response = await _transient.ExecuteAsync(
            static (state, token) => state.Self.SendThroughLimiterAsync(state.Route, state.Body, token),
            (Self: this, Route: route, Body: body), ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(route, response, ct).ConfigureAwait(false);
        }
        if (result is null || response.StatusCode == HttpStatusCode.NoContent)
        {
            return default;
        }
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(stream, result, ct).ConfigureAwait(false);
    }

    // One attempt as Polly sees it: wait for the bucket, send, learn from the headers; a 429 is waited out here and
    // the same request sent again (it was not executed), so Polly never sees a 429.
    private async ValueTask<HttpResponseMessage> SendThroughLimiterAsync(RestRoute route, byte[]? body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            Gate?.ThrowIfClosed();
            ThrowIfUnauthorized(route);
            var lease = await _limiter.AcquireAsync(route, ct).ConfigureAwait(false);
            HttpResponseMessage response;
            try
            {
                using var request = NewRequest(route, body);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(_options.RequestTimeout);
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            }
            catch
            {
                _limiter.Abandon(lease);
                throw;
            }
            DiscordErrorBody? rateLimitBody = null;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rateLimitBody = await ReadErrorBodyAsync(response, ct).ConfigureAwait(false);
            }
            var retryAfter = _limiter.Complete(lease, response, rateLimitBody);
            if (retryAfter is null)
            {
                // Only a 401 on a request authorised by the bot token says the token is bad; on an interaction-token
                // route it says the interaction's 15 minutes are over (50027).
                if (response.StatusCode == HttpStatusCode.Unauthorized && !route.UsesInteractionToken)
                {
                    _unauthorized = true;
                    LogUnauthorized(route.ToString());
                }
                return response;
            }
            LogRateLimited(route.ToString(), retryAfter.Value.TotalMilliseconds, rateLimitBody?.Global == true);
            response.Dispose();
            if (attempt > _options.MaxRateLimitRetries)
            {
                // Bounded: the caller (the outbox) reschedules instead of one message holding its worker forever.
                throw new DiscordApiException(HttpStatusCode.TooManyRequests, rateLimitBody?.Code,
                    $"still rate limited after {attempt} tries; retry after {retryAfter.Value.TotalSeconds:0.###} s", route.ToString(), retryAfter);
            }
        }
    }

    private HttpRequestMessage NewRequest(RestRoute route, byte[]? body)
    {
        var request = new HttpRequestMessage(route.Method, _baseUrl + route.Path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bot " + _options.Token);
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return request;
    }

    private void ThrowIfUnauthorized(RestRoute route)
    {
        if (_unauthorized)
        {
            throw new DiscordApiException(HttpStatusCode.Unauthorized, null, "an earlier request was refused with 401; the token is invalid, nothing more is sent", route.ToString());
        }
    }

    private static async Task<DiscordApiException> ToExceptionAsync(RestRoute route, HttpResponseMessage response, CancellationToken ct)
    {
        var body = await ReadErrorBodyAsync(response, ct).ConfigureAwait(false);
        return new DiscordApiException(response.StatusCode, body?.Code, body?.Message ?? response.ReasonPhrase, route.ToString());
    }

    // Error bodies are optional: Cloudflare answers 429 with an empty or HTML body.
    private static async Task<DiscordErrorBody?> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            return bytes.Length == 0 ? null : JsonSerializer.Deserialize(bytes, s_json.DiscordErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken ct) =>
        outcome.Exception switch
        {
            HttpRequestException => true,
            OperationCanceledException => !ct.IsCancellationRequested,
            null => (int)outcome.Result!.StatusCode >= 500,
            _ => false,
        };

    private static byte[] Body<T>(T value, JsonTypeInfo<T> info) => JsonSerializer.SerializeToUtf8Bytes(value, info);

    private static string NewNonce() => Random.Shared.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord request retried (attempt {Attempt}, status {Status}, error {Error}) after {DelayMs} ms")]
    private partial void LogRetry(int attempt, int? status, string? error, double delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limited on {Route}; retrying in {DelayMs} ms (global: {Global})")]
    private partial void LogRateLimited(string route, double delayMs, bool global);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord client alert: {Text}")]
    private partial void LogAlert(string text);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord refused the bot token (401) on {Route}; no further requests will be sent")]
    private partial void LogUnauthorized(string route);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Interaction {InteractionId} answered with callback type {Type} {ElapsedMs} ms after local receipt")]
    private partial void LogInteractionAnswered(ulong interactionId, int type, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interaction {InteractionId} unknown to Discord (10062) {ElapsedMs} ms after local receipt")]
    private partial void LogUnknownInteraction(ulong interactionId, double elapsedMs);
}
