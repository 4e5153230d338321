namespace EditorialBot.Bot.Discord.Models;

internal sealed record User(Snowflake Id, string Username, string? GlobalName = null, bool? Bot = null);

internal sealed record GuildMember(User? User, string? Nick, IReadOnlyList<Snowflake> Roles, DateTimeOffset? JoinedAt, PermissionSet? Permissions = null);

internal sealed record Role(Snowflake Id, string Name, PermissionSet Permissions, int Position);

internal sealed record Guild(Snowflake Id, string? Name, bool? Unavailable, IReadOnlyList<Role>? Roles, IReadOnlyList<Channel>? Channels);

internal sealed record Channel(
    Snowflake Id, int Type, Snowflake? GuildId, string? Name, Snowflake? ParentId,
    ThreadMetadata? ThreadMetadata = null, IReadOnlyList<PermissionOverwrite>? PermissionOverwrites = null);

/// <summary>channel.mdx, "Thread Metadata Object".</summary>
internal sealed record ThreadMetadata(bool Archived, int? AutoArchiveDuration = null, bool? Locked = null);

/// <summary>channel.mdx, "Overwrite Object": type 0 role (the guild id is @everyone), 1 member.</summary>
internal sealed record PermissionOverwrite(Snowflake Id, int Type, PermissionSet Allow, PermissionSet Deny)
{
    public const int RoleType = 0;
    public const int MemberType = 1;
}

/// <summary>Body of Modify Channel for a thread (channel.mdx, "Modify Channel", thread fields); null fields are left as they are.</summary>
internal sealed record ModifyThread(bool? Archived = null, bool? Locked = null, int? AutoArchiveDuration = null);

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
