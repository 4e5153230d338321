namespace EditorialBot.Bot.Discord.Models;

internal sealed record User(Snowflake Id, string Username, string? GlobalName = null, bool? Bot = null);

internal sealed record GuildMember(User? User, string? Nick, IReadOnlyList<Snowflake> Roles, DateTimeOffset? JoinedAt, PermissionSet? Permissions = null);

internal sealed record Role(Snowflake Id, string Name, PermissionSet Permissions, int Position);

internal sealed record Guild(Snowflake Id, string? Name, bool? Unavailable, IReadOnlyList<Role>? Roles, IReadOnlyList<Channel>? Channels);

internal sealed record Channel(Snowflake Id, int Type, Snowflake? GuildId, string? Name, Snowflake? ParentId);

internal sealed record Application(Snowflake Id, string Name);

internal sealed record ApplicationCommandOptionChoice(string Name, object Value);

internal sealed record ApplicationCommandOption(
    int Type, string Name, string Description, bool? Required = null,
    IReadOnlyList<ApplicationCommandOptionChoice>? Choices = null,
    IReadOnlyList<ApplicationCommandOption>? Options = null, bool? Autocomplete = null);

/// <summary>Request and response shape of a command (id, application_id, version come back from Discord).</summary>
internal sealed record ApplicationCommand(
    string Name, string Description, IReadOnlyList<ApplicationCommandOption>? Options = null,
    string? DefaultMemberPermissions = null, int? Type = null, Snowflake? Id = null,
    Snowflake? ApplicationId = null, Snowflake? GuildId = null);
