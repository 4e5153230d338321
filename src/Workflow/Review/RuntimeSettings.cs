using EditorialBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EditorialBot.Workflow.Review;

/// <summary>The review rules in force: configuration, overridden by what admins set at run time (stored in the database).</summary>
public sealed class RuntimeSettings(IOptions<ReviewOptions> options, TimeProvider time)
{
    public ReviewRules Configured => options.Value.Rules;

    public async Task<ReviewRules> RulesAsync(EditorialDbContext db, CancellationToken cancellationToken = default)
    {
        var stored = await db.RuntimeSettings.AsNoTracking().ToListAsync(cancellationToken);
        return Configured.With(stored.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)));
    }

    /// <summary>Validates and stores one setting (audited). Returns the refusal, or null when stored.</summary>
    public async Task<string?> SetAsync(EditorialDbContext db, string key, string value, Reviewer actor, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdmin)
        {
            return $"only admins change settings ({actor.Display} is not one)";
        }
        if (!ReviewRules.TryApply(Configured, key, value, out _, out var problem))
        {
            return problem;
        }
        var canonical = ReviewRules.Keys.First(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
        await db.WriteAsync(async () =>
        {
            var now = time.GetUtcNow();
            var setting = await db.RuntimeSettings.FindAsync([canonical], cancellationToken);
            var before = setting?.Value;
            if (setting is null)
            {
                db.RuntimeSettings.Add(new RuntimeSetting { Key = canonical, Value = value.Trim(), UpdatedAt = now, UpdatedBy = actor.Display });
            }
            else
            {
                setting.Value = value.Trim();
                setting.UpdatedAt = now;
                setting.UpdatedBy = actor.Display;
            }
            db.AuditLog.Add(new AuditEntry { At = now, Actor = actor.Display, Action = "setting", Details = $"{canonical}: {before ?? "(configured)"} -> {value.Trim()}" });
        }, cancellationToken);
        return null;
    }

    /// <summary>Removes a runtime override so the configured value applies again (audited).</summary>
    public async Task<string?> ResetAsync(EditorialDbContext db, string key, Reviewer actor, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdmin)
        {
            return $"only admins change settings ({actor.Display} is not one)";
        }
        await db.WriteAsync(async () =>
        {
            var setting = await db.RuntimeSettings.FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
            if (setting is not null)
            {
                db.RuntimeSettings.Remove(setting);
                db.AuditLog.Add(new AuditEntry { At = time.GetUtcNow(), Actor = actor.Display, Action = "setting", Details = $"{key}: {setting.Value} -> (configured)" });
            }
        }, cancellationToken);
        return null;
    }
}
