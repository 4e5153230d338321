namespace EditorialBot.Bot.Discord;

/// <summary>Configuration section <c>Discord</c>. The token comes from the environment (<c>Discord__Token</c>), never from appsettings.json.</summary>
internal sealed class DiscordOptions
{
    public const string Section = "Discord";

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

    /// <summary>An interaction not answered by its handler this long after local receipt is deferred automatically (Discord allows 3 s).</summary>
    /// <summary>Where the gateway remembers its session and recent identifies across restarts (empty: nowhere). The desk defaults it next to the database.</summary>
    public string SessionFile { get; set; } = "";

    /// <summary>How old a remembered session may be and still be resumed after a restart (Discord keeps one open for a short while).</summary>
    public TimeSpan SessionResumeWindow { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Identifies allowed in any hour, across restarts: a crash loop waits instead of burning the daily 1000.</summary>
    public int MaxIdentifiesPerHour { get; set; } = 20;

    public TimeSpan InteractionAutoDeferAfter { get; set; } = TimeSpan.FromMilliseconds(1500);

    // Review desk settings (read by the review-desk code).
    public ulong GuildId { get; set; }
    public ulong ReviewChannelId { get; set; }
    public List<ulong> EditorRoleIds { get; set; } = [];
    public List<ulong> AdminRoleIds { get; set; } = [];

    public override string ToString() => $"Discord(ApiBaseUrl={ApiBaseUrl}, Token={(Token.Length == 0 ? "<unset>" : "<redacted>")})";
}
