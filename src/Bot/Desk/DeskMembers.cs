using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Workflow.Review;

namespace EditorialBot.Bot.Desk;

/// <summary>
/// Who may do what, decided on our side from the member's roles (Discord's command visibility is only a
/// convenience: anyone who can see a button can click it).
/// </summary>
internal static class DeskMembers
{
    public static Reviewer Reviewer(DiscordOptions options, Snowflake userId, GuildMember? member, User? user = null)
    {
        var roles = member?.Roles ?? [];
        var isAdmin = roles.Any(r => options.AdminRoleIds.Contains(r.Value));
        var isEditor = isAdmin || roles.Any(r => options.EditorRoleIds.Contains(r.Value));
        var account = member?.User ?? user;
        var name = member?.Nick ?? account?.GlobalName ?? account?.Username;
        return new Reviewer(userId.ToString(), name, isEditor, isAdmin);
    }
}
