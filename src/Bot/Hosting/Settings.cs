using System.Globalization;
using EditorialBot.Bot.Cli;
using EditorialBot.Storage;
using EditorialBot.Workflow.Content;
using EditorialBot.Workflow.Publishing;
using EditorialBot.Workflow.Review;
using EditorialBot.Workflow.Sweep;
using Microsoft.Extensions.Configuration;

namespace EditorialBot.Bot.Hosting;

/// <summary>Reads the engine's configuration keys, failing with the key's name when a value is unreadable.</summary>
internal static class Settings
{
    /// <summary>Reads every engine setting once so a bad value stops start-up with the key's name.</summary>
    public static void Validate(IConfiguration configuration)
    {
        Review(configuration);
        Publishing(configuration);
        Schedule(configuration);
        Storage(configuration).Validate();
        DraftDialects.Parse(configuration["Content:Dialect"]);
    }

    /// <summary>The configuration with some keys replaced (e.g. the verb's <c>--db</c> and <c>--content</c>).</summary>
    public static IConfiguration With(IConfiguration configuration, params (string Key, string? Value)[] overrides) =>
        new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(overrides.Where(o => o.Value is not null).Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();

    public static string DatabasePath(IConfiguration configuration) =>
        configuration["Storage:Database"] is { Length: > 0 } path ? path : EditorialDatabase.DefaultPath;

    /// <summary><c>Storage:Provider</c>, <c>Storage:Database</c> (SQLite) and <c>ConnectionStrings:Editorial</c> (PostgreSQL).</summary>
    public static StorageOptions Storage(IConfiguration configuration) => new()
    {
        Provider = StorageOptions.ParseProvider(configuration["Storage:Provider"]),
        Database = DatabasePath(configuration),
        ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName),
    };

    public static ReviewRules Review(IConfiguration configuration)
    {
        var defaults = new ReviewRules();
        return new ReviewRules(
            Int(configuration, ReviewRules.RequiredApprovalsKey, defaults.RequiredApprovals, 1, 20),
            Bool(configuration, ReviewRules.RequireClaimsResolvedKey, defaults.RequireClaimsResolved),
            Int(configuration, ReviewRules.RemindAfterHoursKey, defaults.RemindAfterHours, 1, 24 * 90));
    }

    public static PublishingOptions Publishing(IConfiguration configuration) => new(
        AutoPublish: Bool(configuration, "Review:AutoPublish", true),
        GitCommit: Bool(configuration, "Git:Commit", false),
        GitPush: Bool(configuration, "Git:Push", false),
        Values: ContentSettings.Publishing(configuration));

    public static SweepOptions Content(IConfiguration configuration, string? contentOverride = null)
    {
        var root = contentOverride is { Length: > 0 } ? contentOverride : configuration["Content:Root"] is { Length: > 0 } configured ? configured : "samples/content";
        return new SweepOptions(Path.GetFullPath(root), DraftDialects.Parse(configuration["Content:Dialect"]));
    }

    /// <summary><c>Schedule:SweepCron</c> (Quartz cron, default 03:00 daily), <c>Schedule:ReminderCron</c> (default 09:00 daily), <c>Schedule:TimeZone</c> (IANA, default UTC).</summary>
    public static (string SweepCron, string ReminderCron, TimeZoneInfo Zone) Schedule(IConfiguration configuration)
    {
        var zoneId = configuration["Schedule:TimeZone"] is { Length: > 0 } z ? z : "UTC";
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new InvalidOperationException($"Schedule:TimeZone '{zoneId}' is not a known time zone (use an IANA name such as Asia/Shanghai or UTC)");
        }
        var sweep = configuration["Schedule:SweepCron"] is { Length: > 0 } s ? s : "0 0 3 * * ?";
        var reminder = configuration["Schedule:ReminderCron"] is { Length: > 0 } r ? r : "0 0 9 * * ?";
        foreach (var (key, cron) in new[] { ("Schedule:SweepCron", sweep), ("Schedule:ReminderCron", reminder) })
        {
            if (!Quartz.CronExpression.TryParse(cron, out _))
            {
                throw new InvalidOperationException($"{key} '{cron}' is not a valid Quartz cron expression (seconds minutes hours day month weekday, e.g. '0 0 3 * * ?')");
            }
        }
        return (sweep, reminder, zone);
    }

    private static int Int(IConfiguration configuration, string key, int fallback, int min, int max)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }
        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{key} must be a whole number from {min} to {max} (got '{raw}')");
    }

    private static bool Bool(IConfiguration configuration, string key, bool fallback)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }
        return bool.TryParse(raw, out var value) ? value : throw new InvalidOperationException($"{key} must be true or false (got '{raw}')");
    }
}
