namespace EditorialBot.Bot.Discord.Gateway;

internal enum CloseAction
{
    Resume,
    NewSession,
    Fatal,
}

/// <summary>What a server close code means for the next connection (Discord's table; "Reconnect=false" rows are fatal).</summary>
internal static class GatewayCloseCodes
{
    public static CloseAction ActionFor(int code) => code switch
    {
        4004 or 4010 or 4011 or 4012 or 4013 or 4014 => CloseAction.Fatal,
        // A server close with 1000/1001 ends the session (events/gateway.mdx, "Disconnecting"); discord.js
        // (@discordjs/ws WebSocketShard) reconnects with a fresh Identify rather than a doomed Resume.
        1000 or 1001 or 4003 or 4005 or 4007 or 4009 => CloseAction.NewSession,
        _ => CloseAction.Resume,
    };

    public static string Describe(int code) => code switch
    {
        1000 => "normal closure: session ended",
        1001 => "going away: session ended",
        4000 => "unknown error",
        4001 => "unknown opcode",
        4002 => "decode error",
        4003 => "not authenticated",
        4004 => "authentication failed: the bot token is invalid",
        4005 => "already authenticated",
        4007 => "invalid seq on resume",
        4008 => "rate limited: too many gateway sends",
        4009 => "session timed out",
        4010 => "invalid shard",
        4011 => "sharding required",
        4012 => "invalid API version",
        4013 => "invalid intents",
        4014 => "disallowed intents: a privileged intent is not enabled for this application",
        _ => "connection closed",
    };
}
