using System.Text.Json;

namespace EditorialBot.Bot.Discord.Models;

internal enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    Autocomplete = 4,
    ModalSubmit = 5,
}

internal enum InteractionCallbackType
{
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    DeferredUpdateMessage = 6,
    UpdateMessage = 7,
    AutocompleteResult = 8,
    Modal = 9,
}

internal sealed record Interaction(
    Snowflake Id, Snowflake ApplicationId, InteractionType Type, InteractionData? Data, Snowflake? GuildId,
    Snowflake? ChannelId, GuildMember? Member, User? User, string Token, Message? Message,
    PermissionSet? AppPermissions = null, string? Locale = null)
{
    /// <summary>The user who acted, in a guild (member.user) or a DM (user).</summary>
    public User? Actor => Member?.User ?? User;
}

/// <summary>Union of command, autocomplete, component and modal-submit data; fields not used by a type stay null.</summary>
internal sealed record InteractionData(
    Snowflake? Id = null, string? Name = null, int? Type = null, IReadOnlyList<InteractionOption>? Options = null,
    string? CustomId = null, int? ComponentType = null, IReadOnlyList<string>? Values = null,
    IReadOnlyList<Component>? Components = null, Snowflake? TargetId = null);

internal sealed record InteractionOption(string Name, int Type, JsonElement? Value = null, IReadOnlyList<InteractionOption>? Options = null, bool? Focused = null);

internal sealed record InteractionResponse(InteractionCallbackType Type, InteractionCallbackData? Data = null);

/// <summary>Message callbacks (4, 7) use the message fields; autocomplete (8) uses choices; modals (9) use custom_id, title, components.</summary>
internal sealed record InteractionCallbackData(
    string? Content = null, IReadOnlyList<Embed>? Embeds = null, IReadOnlyList<Component>? Components = null,
    AllowedMentions? AllowedMentions = null, int? Flags = null,
    IReadOnlyList<ApplicationCommandOptionChoice>? Choices = null, string? CustomId = null, string? Title = null);

internal sealed record Modal(string CustomId, string Title, IReadOnlyList<Component> Components);

internal sealed record DiscordErrorBody(int? Code, string? Message, double? RetryAfter, bool? Global);
