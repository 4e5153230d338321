using EditorialBot.Storage.Configuration;

namespace EditorialBot.Workflow.Channel;

/// <summary>Configuration section <c>Outbox</c>: how long delivered review-channel work is kept before a sweep prunes it.</summary>
internal sealed class OutboxOptions : IValidatedOptions
{
    public static string Section => "Outbox";

    public int RetentionDays { get; set; } = 30;

    public IEnumerable<string> Problems()
    {
        if (RetentionDays is < 1 or > 3650)
        {
            yield return $"Outbox:RetentionDays is {RetentionDays}: set it to a number of days from 1 to 3650, such as 30.";
        }
    }
}
