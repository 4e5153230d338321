using EditorialBot.Storage.Configuration;

namespace EditorialBot.Bot.Discord;

/// <summary>Configuration section <c>Discord</c>. The token comes from the environment (<c>Discord__Token</c>), never from appsettings.json.</summary>
internal sealed class DiscordOptions : IValidatedOptions
{
    public static string Section => "Discord";

    public string Token { get; set; } = "";
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>GUILDS | GUILD_MESSAGE_REACTIONS; no privileged intent.</summary>
    public int Intents { get; set; } = 1025;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First delay of the transient-fault retry (network errors, 5xx); doubled with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public int RetryAttempts { get; set; } = 3;

    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Identifies are spaced at least this far apart (max_concurrency 1 means one per 5 s).</summary>
    public TimeSpan IdentifyInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After op 9 with d=false a fresh session starts after a random delay in this range.</summary>
    public TimeSpan InvalidSessionMinDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan InvalidSessionMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for Hello, and then for READY/RESUMED, before giving the connection up.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the gateway remembers its session and recent identifies across restarts (empty: nowhere; unset: the desk puts it next to the database).</summary>
    public string? SessionFile { get; set; }

    /// <summary>How old a remembered session may be and still be resumed after a restart (Discord keeps one open for a short while).</summary>
    public TimeSpan SessionResumeWindow { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Identifies allowed in any hour, across restarts: a crash loop waits instead of burning the daily 1000.</summary>
    public int MaxIdentifiesPerHour { get; set; } = 20;

    /// <summary>An interaction not answered by its handler this long after local receipt is deferred automatically (Discord allows 3 s).</summary>
    public TimeSpan InteractionAutoDeferAfter { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// The URL in the User-Agent, <c>DiscordBot (url, version)</c>: Discord wants it to name the bot's home page or
    /// repository (reference.mdx, "User Agent"). Set it to your deployment's repository.
    /// </summary>
    public string UserAgentUrl { get; set; } = "https://example.org/editorial-bot";

    /// <summary>Requests per second over all routes except the interaction ones (Discord's global limit is 50).</summary>
    public int GlobalRequestsPerSecond { get; set; } = 50;

    /// <summary>How often one request waits out a 429 and tries again before the caller gets the 429 (the outbox then reschedules).</summary>
    public int MaxRateLimitRetries { get; set; } = 4;

    /// <summary>First wait after a bare 429 (a Cloudflare ban); doubled on each further one, up to <see cref="BanBackoffMax"/>.</summary>
    public TimeSpan BanBackoffBase { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan BanBackoffMax { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Invalid requests (401, 403, non-shared 429) in <see cref="InvalidRequestWindow"/> that alert the admins, and that pause all requests; Discord bans at 10,000 per 10 minutes.</summary>
    public int InvalidRequestAlertAt { get; set; } = 500;
    public int InvalidRequestPauseAt { get; set; } = 2500;
    public TimeSpan InvalidRequestWindow { get; set; } = TimeSpan.FromMinutes(10);

    // Review desk settings (read by the review-desk code).
    public ulong GuildId { get; set; }
    public ulong ReviewChannelId { get; set; }
    public List<ulong> EditorRoleIds { get; set; } = [];
    public List<ulong> AdminRoleIds { get; set; } = [];

    /// <summary>
    /// default_member_permissions of the admin commands: Discord shows them only to members with these permissions
    /// (decimal bitset; 32 = Manage Server, "0" = administrators only). Server admins can grant them to other roles
    /// under Server Settings → Integrations; the bot still checks <see cref="AdminRoleIds"/> itself.
    /// </summary>
    public string AdminCommandPermissions { get; set; } = "32";

    /// <summary>Values that cannot work (checked wherever the Discord client is used).</summary>
    public IEnumerable<string> Problems()
    {
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out _))
        {
            yield return $"Discord:ApiBaseUrl '{ApiBaseUrl}' is not an absolute URL: leave it unset for Discord itself, or set it to a Discord-compatible server such as http://127.0.0.1:5000/api/v10.";
        }
        if (!Uri.TryCreate(UserAgentUrl, UriKind.Absolute, out _))
        {
            yield return $"Discord:UserAgentUrl '{UserAgentUrl}' is not an absolute URL: set it to the bot's home page or repository (Discord wants it in the User-Agent).";
        }
        if (!ulong.TryParse(AdminCommandPermissions, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            yield return $"Discord:AdminCommandPermissions '{AdminCommandPermissions}' is not a decimal permission bitset: set it to e.g. 32 for Manage Server, 0 for administrators only.";
        }
        if (MaxIdentifiesPerHour < 1)
        {
            yield return $"Discord:MaxIdentifiesPerHour is {MaxIdentifiesPerHour}: set it to at least 1, such as 20.";
        }
    }

    /// <summary>What the review desk needs before it can connect (checked by <c>run</c> and <c>doctor</c>), each with the key and how to find its value.</summary>
    public IEnumerable<string> MissingForDesk()
    {
        if (string.IsNullOrWhiteSpace(Token))
        {
            yield return "Discord:Token is not set: export Discord__Token='<the bot token from the developer portal, Bot page>' (never put it in appsettings.json).";
        }
        if (GuildId == 0)
        {
            yield return "Discord:GuildId is not set: export Discord__GuildId=<your server's id> (Developer Mode on, right-click the server, Copy Server ID).";
        }
        if (ReviewChannelId == 0)
        {
            yield return "Discord:ReviewChannelId is not set: export Discord__ReviewChannelId=<the review channel's id> (right-click the channel, Copy Channel ID).";
        }
        if (EditorRoleIds.Count == 0 && AdminRoleIds.Count == 0)
        {
            yield return "Discord:EditorRoleIds is empty, so nobody could review: export Discord__EditorRoleIds__0=<role id> (Server Settings, Roles, right-click a role, Copy Role ID); admins go in Discord__AdminRoleIds__0.";
        }
    }

    public override string ToString() => $"Discord(ApiBaseUrl={ApiBaseUrl}, Token={(Token.Length == 0 ? "<unset>" : "<redacted>")})";
}
