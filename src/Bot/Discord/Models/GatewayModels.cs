using System.Text.Json;

namespace EditorialBot.Bot.Discord.Models;

/// <summary>Every gateway frame. <c>D</c> is decoded only once <c>Op</c>/<c>T</c> say what it is.</summary>
internal sealed record GatewayPayload(int Op, JsonElement? D, int? S, string? T);

internal sealed record Hello(int HeartbeatInterval);

internal sealed record GatewayBot(string Url, int Shards, SessionStartLimit SessionStartLimit);

internal sealed record SessionStartLimit(int Total, int Remaining, long ResetAfter, int MaxConcurrency);

internal sealed record IdentifyProperties(string Os, string Browser, string Device);

internal sealed record Identify(string Token, int Intents, IdentifyProperties Properties);

internal sealed record Resume(string Token, string SessionId, int? Seq);

internal sealed record Ready(int V, User User, string SessionId, string ResumeGatewayUrl, PartialApplication Application, IReadOnlyList<UnavailableGuild>? Guilds);

internal sealed record PartialApplication(Snowflake Id, long? Flags);

internal sealed record UnavailableGuild(Snowflake Id, bool? Unavailable);

internal sealed record Emoji(Snowflake? Id, string? Name, bool? Animated = null)
{
    /// <summary>How the REST routes and reaction handlers name it: the Unicode text, or name:id for a custom emoji.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => Id is { } id ? $"{Name}:{id}" : Name ?? "";
}

internal sealed record MessageReactionAdd(
    Snowflake UserId, Snowflake ChannelId, Snowflake MessageId, Snowflake? GuildId, GuildMember? Member,
    Emoji Emoji, Snowflake? MessageAuthorId, bool Burst, int Type);

/// <summary>Carries no member: fetch it (or use a cache) when roles matter on removal.</summary>
internal sealed record MessageReactionRemove(
    Snowflake UserId, Snowflake ChannelId, Snowflake MessageId, Snowflake? GuildId, Emoji Emoji, bool Burst, int Type);
