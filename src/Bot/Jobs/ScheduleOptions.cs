using EditorialBot.Storage.Configuration;

namespace EditorialBot.Bot.Jobs;

/// <summary>Configuration section <c>Schedule</c>: Quartz cron expressions and the IANA time zone they are read in.</summary>
internal sealed class ScheduleOptions : IValidatedOptions
{
    public static string Section => "Schedule";

    public string SweepCron { get; set; } = "0 0 3 * * ?";

    public string ReminderCron { get; set; } = "0 0 9 * * ?";

    public string TimeZone { get; set; } = "UTC";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<string> Problems()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return $"Schedule:TimeZone '{TimeZone}' is not a known time zone: use an IANA name such as Asia/Shanghai or UTC.";
        }
        foreach (var (key, cron) in new[] { ("Schedule:SweepCron", SweepCron), ("Schedule:ReminderCron", ReminderCron) })
        {
            if (!Quartz.CronExpression.TryParse(cron, out _))
            {
                yield return $"{key} '{cron}' is not a valid Quartz cron expression: use seconds minutes hours day month weekday, such as '0 0 3 * * ?'.";
            }
        }
    }
}
