using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace EditorialBot.Bot.Discord.Gateway;

/// <summary>
/// What the gateway must remember across process restarts so that a crash loop never burns identifies (running
/// out of them resets the bot token): the resumable session, and when the last identifies happened. Written
/// atomically (temp file + rename); a missing or unreadable file means "nothing remembered", never a crash.
/// The token is never stored.
/// </summary>
internal sealed partial class GatewaySessionStore(string? path, ILogger logger)
{
    public bool Enabled => !string.IsNullOrWhiteSpace(path);

    public GatewayMemory Load()
    {
        if (!Enabled || !File.Exists(path))
        {
            return GatewayMemory.Empty;
        }
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path!), GatewayMemoryJson.Default.GatewayMemory) ?? GatewayMemory.Empty;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            LogUnreadable(path!, ex.Message);
            return GatewayMemory.Empty;
        }
    }

    public void Save(GatewayMemory memory)
    {
        if (!Enabled)
        {
            return;
        }
        var full = Path.GetFullPath(path!);
        var temp = full + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, memory, GatewayMemoryJson.Default.GatewayMemory);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Losing this file costs at most one identify; it must never take the gateway down.
            LogUnwritable(full, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway session file {Path} is unreadable ({Problem}); starting without it")]
    private partial void LogUnreadable(string path, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway session file {Path} could not be written ({Problem})")]
    private partial void LogUnwritable(string path, string problem);
}

/// <summary>The remembered session (null when there is none to resume) and the times of recent identifies.</summary>
internal sealed record GatewayMemory(string? SessionId, string? ResumeUrl, int? Sequence, DateTimeOffset? SavedAt, IReadOnlyList<DateTimeOffset> Identifies)
{
    public static readonly GatewayMemory Empty = new(null, null, null, null, []);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GatewayMemory))]
internal sealed partial class GatewayMemoryJson : JsonSerializerContext;
