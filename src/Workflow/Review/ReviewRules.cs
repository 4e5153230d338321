namespace EditorialBot.Workflow.Review;

/// <summary>The review settings in force (appsettings <c>Review:*</c>, overridden by runtime settings in the database).</summary>
public sealed record ReviewRules(int RequiredApprovals = 1, bool RequireClaimsResolved = true, int RemindAfterHours = 48)
{
    public const string RequiredApprovalsKey = "Review:RequiredApprovals";
    public const string RequireClaimsResolvedKey = "Review:RequireClaimsResolved";
    public const string RemindAfterHoursKey = "Review:RemindAfterHours";

    public static readonly IReadOnlyList<string> Keys = [RequiredApprovalsKey, RequireClaimsResolvedKey, RemindAfterHoursKey];

    /// <summary>Applies key/value overrides (runtime settings); unknown keys and unreadable values are reported, not applied.</summary>
    public ReviewRules With(IEnumerable<KeyValuePair<string, string>> overrides, ICollection<string>? problems = null)
    {
        var rules = this;
        foreach (var (key, value) in overrides)
        {
            if (TryApply(rules, key, value, out var updated, out var problem))
            {
                rules = updated;
            }
            else
            {
                problems?.Add(problem);
            }
        }
        return rules;
    }

    /// <summary>Validates one setting the way an admin command would set it.</summary>
    public static bool TryApply(ReviewRules rules, string key, string value, out ReviewRules updated, out string problem)
    {
        updated = rules;
        problem = "";
        var v = value.Trim();
        if (string.Equals(key, RequiredApprovalsKey, StringComparison.OrdinalIgnoreCase))
        {
            if (int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 20)
            {
                updated = rules with { RequiredApprovals = n };
                return true;
            }
            problem = $"{RequiredApprovalsKey} must be a whole number from 1 to 20 (got '{value}')";
            return false;
        }
        if (string.Equals(key, RequireClaimsResolvedKey, StringComparison.OrdinalIgnoreCase))
        {
            if (bool.TryParse(v, out var b))
            {
                updated = rules with { RequireClaimsResolved = b };
                return true;
            }
            problem = $"{RequireClaimsResolvedKey} must be true or false (got '{value}')";
            return false;
        }
        if (string.Equals(key, RemindAfterHoursKey, StringComparison.OrdinalIgnoreCase))
        {
            if (int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var h) && h is >= 1 and <= 24 * 90)
            {
                updated = rules with { RemindAfterHours = h };
                return true;
            }
            problem = $"{RemindAfterHoursKey} must be a whole number of hours from 1 to 2160 (got '{value}')";
            return false;
        }
        problem = $"unknown setting '{key}' (known: {string.Join(", ", Keys)})";
        return false;
    }
}
