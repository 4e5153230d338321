using System.Globalization;
using EditorialBot.Storage.Configuration;

namespace EditorialBot.Workflow.Review;

/// <summary>Configuration section <c>Review</c>. Admins can override the rules at run time with <c>/settings</c>.</summary>
public sealed class ReviewOptions : IValidatedOptions
{
    public static string Section => "Review";

    public int RequiredApprovals { get; set; } = 1;

    public bool RequireClaimsResolved { get; set; } = true;

    public int RemindAfterHours { get; set; } = 48;

    /// <summary>Publish as soon as a review passes.</summary>
    public bool AutoPublish { get; set; } = true;

    public ReviewRules Rules => new(RequiredApprovals, RequireClaimsResolved, RemindAfterHours);

    public IEnumerable<string> Problems()
    {
        // The same ranges /settings enforces at run time.
        foreach (var (key, value) in new[]
        {
            (ReviewRules.RequiredApprovalsKey, RequiredApprovals.ToString(CultureInfo.InvariantCulture)),
            (ReviewRules.RemindAfterHoursKey, RemindAfterHours.ToString(CultureInfo.InvariantCulture)),
        })
        {
            if (!ReviewRules.TryApply(new ReviewRules(), key, value, out _, out var problem))
            {
                yield return problem;
            }
        }
    }
}
