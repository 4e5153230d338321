using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;

namespace EditorialBot.Bot.Desk;

/// <summary>One reaction added or removed, as the desk applies it (<paramref name="Member"/> only on additions).</summary>
internal sealed record ReactionChange(Snowflake MessageId, string Emoji, Snowflake UserId, bool Added, GuildMember? Member, bool ByBot);
