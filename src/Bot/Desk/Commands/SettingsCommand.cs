using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Storage;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Bot.Desk.Commands;

internal sealed class SettingsCommand(IDbContextFactory<EditorialDbContext> dbs, RuntimeSettings settings) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = new("settings", "Show or change the review settings (admins)",
    [
        new ApplicationCommandOption(SlashOptions.StringType, "key", "The setting to change", Choices:
        [
            new ApplicationCommandOptionChoice("required approvals", ReviewRules.RequiredApprovalsKey),
            new ApplicationCommandOptionChoice("claims must be resolved", ReviewRules.RequireClaimsResolvedKey),
            new ApplicationCommandOptionChoice("reminder after hours", ReviewRules.RemindAfterHoursKey),
        ]),
        new ApplicationCommandOption(SlashOptions.StringType, "value", "The new value (leave out to show)"),
    ]);

    public bool AdminOnly => true;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var key = SlashOptions.String(context.Interaction, "key");
        var value = SlashOptions.String(context.Interaction, "value");
        string? problem = null;
        if (key is not null && value is not null)
        {
            problem = await settings.SetAsync(db, key, value, who, cancellationToken);
        }
        var rules = await settings.RulesAsync(db, cancellationToken);
        var text = (problem is null ? "" : $"⚠️ {problem}\n")
            + $"required approvals: **{rules.RequiredApprovals}**\nclaims must be resolved: **{(rules.RequireClaimsResolved ? "yes" : "no")}**\nreminder after: **{rules.RemindAfterHours} h**";
        await context.RespondAsync(new MessageCreate(text), ephemeral: true, cancellationToken);
    }
}
