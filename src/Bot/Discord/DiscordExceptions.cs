using System.Net;

namespace EditorialBot.Bot.Discord;

/// <summary>Discord answered with an error: the HTTP status plus Discord's JSON error code and message when it sent one.</summary>
internal sealed class DiscordApiException(HttpStatusCode status, int? code, string? discordMessage, string route)
    : Exception($"Discord {(int)status} on {route}: {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {discordMessage}")
{
    public HttpStatusCode Status { get; } = status;
    public int? Code { get; } = code;
    public string? DiscordMessage { get; } = discordMessage;
    public string Route { get; } = route;

    public const int UnknownInteraction = 10062;
    public const int InteractionAlreadyAcknowledged = 40060;
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
