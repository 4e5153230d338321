using System.Net;

namespace EditorialBot.Bot.Discord;

/// <summary>
/// Discord answered with an error: the HTTP status plus Discord's JSON error code (opcodes-and-status-codes.mdx, "JSON
/// Error Codes") and message when it sent one. <see cref="IsPermanent"/> tells a caller whether sending the same request
/// again later can succeed.
/// </summary>
internal sealed class DiscordApiException(HttpStatusCode status, int? code, string? discordMessage, string route, TimeSpan? retryAfter = null)
    : Exception($"Discord {(int)status} on {route}: {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {discordMessage}")
{
    public HttpStatusCode Status { get; } = status;
    public int? Code { get; } = code;
    public string? DiscordMessage { get; } = discordMessage;
    public string Route { get; } = route;

    /// <summary>For a 429 the client gave up waiting on: when Discord said the route frees up again.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public const int UnknownChannel = 10003;
    public const int UnknownMessage = 10008;
    public const int UnknownWebhook = 10015;
    public const int UnknownInteraction = 10062;
    public const int TooManyOldMessageEdits = 30046;
    public const int InteractionAlreadyAcknowledged = 40060;
    public const int MissingAccess = 50001;
    public const int MissingPermissions = 50013;
    public const int InvalidWebhookToken = 50027;
    public const int ArchivedThread = 50083;
    public const int ThreadLocked = 160005;

    /// <summary>
    /// 400 with 50083: the thread is archived but not locked; unarchive it (PATCH archived=false) and send again.
    /// (A locked thread answers 403 with the same code: that one is permanent.)
    /// </summary>
    public bool IsArchivedThread => Code == ArchivedThread && Status == HttpStatusCode.BadRequest;

    /// <summary>The interaction token is past its 15 minutes (401 with 50027, or the webhook is unknown): nothing more can be sent with it.</summary>
    public bool IsExpiredInteraction => Code is InvalidWebhookToken or UnknownWebhook or UnknownInteraction;

    /// <summary>
    /// True when repeating the request cannot help until a human changes something: a 4xx other than 429, except an
    /// archived (unlocked) thread, which the caller can unarchive, and 30046, which passes with time. 5xx, 429 (after the
    /// client's own retries) and 30046 are transient: reschedule.
    /// </summary>
    public bool IsPermanent =>
        (int)Status is >= 400 and < 500
        && Status != HttpStatusCode.TooManyRequests
        && !IsArchivedThread
        && Code != TooManyOldMessageEdits;
}

/// <summary>A message, modal or thread would break one of Discord's limits; thrown before anything is sent.</summary>
internal sealed class DiscordLimitException(string field, int limit, int actual)
    : Exception($"{field} is {actual} characters/items; Discord allows {limit}.")
{
    public string Field { get; } = field;
    public int Limit { get; } = limit;
    public int Actual { get; } = actual;
}

/// <summary>The gateway stopped for good (bad token, bad intents, ...); retrying would only burn identifies.</summary>
internal sealed class DiscordGatewayFatalException(int closeCode, string reason)
    : Exception($"Discord gateway closed with {closeCode} ({reason}); not reconnecting.")
{
    public int CloseCode { get; } = closeCode;
    public string Reason { get; } = reason;
}
