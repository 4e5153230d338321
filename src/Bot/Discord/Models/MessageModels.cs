using System.Text.Json.Serialization;

namespace EditorialBot.Bot.Discord.Models;

internal sealed record Message(
    Snowflake Id, Snowflake ChannelId, User? Author, string Content, DateTimeOffset? Timestamp,
    IReadOnlyList<Embed>? Embeds, IReadOnlyList<Component>? Components, Channel? Thread = null, int? Flags = null,
    IReadOnlyList<Reaction>? Reactions = null)
{
    /// <summary>How many users reacted with <paramref name="emoji"/> (Unicode text, or name:id for a custom emoji); 0 if nobody.</summary>
    public int ReactionCount(string emoji) => Reactions?.FirstOrDefault(r => r.Emoji.Key == emoji)?.Count ?? 0;
}

/// <summary>One emoji's reactions on a message, as message objects carry them (message.mdx, "Reaction Object").</summary>
internal sealed record Reaction(int Count, bool Me, Emoji Emoji, ReactionCountDetails? CountDetails = null);

internal sealed record ReactionCountDetails(int Burst, int Normal);

internal sealed record EmbedFooter(string Text);

internal sealed record EmbedAuthor(string Name, string? Url = null);

internal sealed record EmbedField(string Name, string Value, bool? Inline = null);

internal sealed record Embed(
    string? Title = null, string? Description = null, string? Url = null, int? Color = null,
    DateTimeOffset? Timestamp = null, EmbedFooter? Footer = null, EmbedAuthor? Author = null,
    IReadOnlyList<EmbedField>? Fields = null);

/// <summary>
/// Legacy components (no IS_COMPONENTS_V2 flag): action rows (1) holding buttons (2), text inputs (4) in modals,
/// labels (18) wrapping one text input. One record keeps the wire shape flat.
/// </summary>
internal sealed record Component(
    int Type, int? Style = null, string? Label = null, string? CustomId = null, string? Url = null,
    bool? Disabled = null, Emoji? Emoji = null, IReadOnlyList<Component>? Components = null,
    [property: JsonPropertyName("component")] Component? Child = null, string? Value = null, string? Placeholder = null,
    int? MinLength = null, int? MaxLength = null, bool? Required = null, string? Description = null)
{
    public const int ActionRowType = 1;
    public const int ButtonType = 2;
    public const int TextInputType = 4;
    public const int LabelType = 18;

    public static Component ActionRow(params Component[] children) => new(ActionRowType, Components: children);

    public static Component Button(ButtonStyle style, string label, string customId, bool disabled = false) =>
        new(ButtonType, Style: (int)style, Label: label, CustomId: customId, Disabled: disabled ? true : null);

    public static Component LinkButton(string label, string url) => new(ButtonType, Style: (int)ButtonStyle.Link, Label: label, Url: url);

    public static Component TextInput(string customId, bool paragraph, int? maxLength = null, bool required = true, string? value = null) =>
        new(TextInputType, Style: paragraph ? 2 : 1, CustomId: customId, MaxLength: maxLength, Required: required, Value: value);

    public static Component LabelFor(string label, Component input, string? description = null) =>
        new(LabelType, Label: label, Child: input, Description: description);
}

internal enum ButtonStyle
{
    Primary = 1,
    Secondary = 2,
    Success = 3,
    Danger = 4,
    Link = 5,
}

/// <summary>Who a message may ping. <see cref="None"/> is the client's default: text from episode files never pings anyone.</summary>
internal sealed record AllowedMentions(IReadOnlyList<string> Parse, IReadOnlyList<Snowflake>? Users = null, IReadOnlyList<Snowflake>? Roles = null, bool? RepliedUser = null)
{
    public static AllowedMentions None { get; } = new([]);

    public static AllowedMentions Only(IReadOnlyList<Snowflake>? users = null, IReadOnlyList<Snowflake>? roles = null) =>
        new([], users is { Count: > 0 } ? users : null, roles is { Count: > 0 } ? roles : null);
}

/// <summary>Body of create message, follow-up and interaction message callbacks.</summary>
internal sealed record MessageCreate(
    string? Content = null, IReadOnlyList<Embed>? Embeds = null, IReadOnlyList<Component>? Components = null,
    AllowedMentions? AllowedMentions = null, int? Flags = null, string? Nonce = null, bool? EnforceNonce = null);

/// <summary>
/// Body of message edits. Absent (null) fields are left as they are; to clear, send "" or an empty list.
/// allowed_mentions is always sent because Discord re-parses mentions with defaults when it is omitted.
/// </summary>
internal sealed record MessageEdit(
    string? Content = null, IReadOnlyList<Embed>? Embeds = null, IReadOnlyList<Component>? Components = null,
    AllowedMentions? AllowedMentions = null, int? Flags = null);

internal sealed record StartThread(string Name, int? AutoArchiveDuration = null);
