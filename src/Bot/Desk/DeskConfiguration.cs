using EditorialBot.Bot.Discord;
using Microsoft.Extensions.Configuration;

namespace EditorialBot.Bot.Desk;

/// <summary>Checks the Discord settings before anything connects, with messages that say which key to set and how.</summary>
internal static class DeskConfiguration
{
    public static DiscordOptions Read(IConfiguration configuration)
    {
        var options = new DiscordOptions();
        configuration.GetSection(DiscordOptions.Section).Bind(options);
        return options;
    }

    public static IReadOnlyList<string> Problems(DiscordOptions options)
    {
        List<string> problems = [];
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            problems.Add("Discord:Token is not set: export Discord__Token='<the bot token from the developer portal, Bot page>' (never put it in appsettings.json).");
        }
        if (options.GuildId == 0)
        {
            problems.Add("Discord:GuildId is not set: export Discord__GuildId=<your server's id> (Developer Mode on, right-click the server, Copy Server ID).");
        }
        if (options.ReviewChannelId == 0)
        {
            problems.Add("Discord:ReviewChannelId is not set: export Discord__ReviewChannelId=<the review channel's id> (right-click the channel, Copy Channel ID).");
        }
        if (options.EditorRoleIds.Count == 0 && options.AdminRoleIds.Count == 0)
        {
            problems.Add("Discord:EditorRoleIds is empty, so nobody could review: export Discord__EditorRoleIds__0=<role id> (Server Settings, Roles, right-click a role, Copy Role ID); admins go in Discord__AdminRoleIds__0.");
        }
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out _))
        {
            problems.Add($"Discord:ApiBaseUrl '{options.ApiBaseUrl}' is not an absolute URL.");
        }
        if (!Uri.TryCreate(options.UserAgentUrl, UriKind.Absolute, out _))
        {
            problems.Add($"Discord:UserAgentUrl '{options.UserAgentUrl}' is not an absolute URL: Discord wants the bot's home page or repository in the User-Agent.");
        }
        if (!ulong.TryParse(options.AdminCommandPermissions, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            problems.Add($"Discord:AdminCommandPermissions '{options.AdminCommandPermissions}' is not a decimal permission bitset (e.g. 32 for Manage Server, 0 for administrators only).");
        }
        return problems;
    }
}
