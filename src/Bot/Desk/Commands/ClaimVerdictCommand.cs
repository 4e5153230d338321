using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Storage;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Bot.Desk.Commands;

internal sealed class ClaimVerdictCommand(ReviewService reviews, IDbContextFactory<EditorialDbContext> dbs) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = new("claim", "Mark claims of an episode by number",
    [
        SlashOptions.Episode(),
        new ApplicationCommandOption(SlashOptions.StringType, "numbers", "Claim numbers: 7, or 3,5-9; or 'rest' = all unjudged optional claims", Required: true),
        new ApplicationCommandOption(SlashOptions.StringType, "verdict", "Your verdict", Required: true, Choices:
        [
            new ApplicationCommandOptionChoice("verified", "verified"),
            new ApplicationCommandOptionChoice("false", "false"),
            new ApplicationCommandOptionChoice("needs source", "needs-source"),
            new ApplicationCommandOptionChoice("not a claim", "not-a-claim"),
            new ApplicationCommandOptionChoice("unverified (clear)", "unverified"),
        ]),
        new ApplicationCommandOption(SlashOptions.StringType, "note", "Optional note (e.g. the source you checked)"),
    ]);

    public bool AdminOnly => false;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        if (await SlashOptions.EpisodeAsync(context, dbs, cancellationToken) is not { } id)
        {
            return;
        }
        var numbers = (SlashOptions.String(context.Interaction, "numbers") ?? "").Trim();
        if (SlashOptions.Verdict(SlashOptions.String(context.Interaction, "verdict")) is not { } verdict)
        {
            await context.RespondAsync(new MessageCreate("⚠️ give one of the verdicts"), ephemeral: true, cancellationToken);
            return;
        }
        if (string.Equals(numbers, "rest", StringComparison.OrdinalIgnoreCase))
        {
            if (verdict != ClaimVerdict.NotAClaim)
            {
                await context.RespondAsync(new MessageCreate("⚠️ 'rest' marks the remaining optional claims not a claim; give numbers for any other verdict"), ephemeral: true, cancellationToken);
                return;
            }
            await SlashOptions.ReplyAsync(context, await reviews.DismissOptionalClaimsAsync(id, who, cancellationToken), cancellationToken);
            return;
        }
        if (!ClaimText.TryParseNumbers(numbers, out var list, out var problem))
        {
            await context.RespondAsync(new MessageCreate($"⚠️ {problem}"), ephemeral: true, cancellationToken);
            return;
        }
        var note = SlashOptions.String(context.Interaction, "note");
        await SlashOptions.ReplyAsync(context, await reviews.SetClaimVerdictsAsync(id, list, verdict, who, note, cancellationToken), cancellationToken);
    }
}
