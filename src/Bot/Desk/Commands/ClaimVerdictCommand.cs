using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Storage;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Bot.Desk.Commands;

internal sealed class ClaimVerdictCommand(ReviewService reviews, IDbContextFactory<EditorialDbContext> dbs) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = new("claim", "Mark one of an episode's claims",
    [
        SlashOptions.Episode(),
        new ApplicationCommandOption(SlashOptions.IntegerType, "number", "The claim's number on the card", Required: true),
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
        var number = SlashOptions.Integer(context.Interaction, "number") ?? 0;
        if (SlashOptions.Verdict(SlashOptions.String(context.Interaction, "verdict")) is not { } verdict || number is < 1 or > int.MaxValue)
        {
            await context.RespondAsync(new MessageCreate("⚠️ give a claim number from the card and one of the verdicts"), ephemeral: true, cancellationToken);
            return;
        }
        var note = SlashOptions.String(context.Interaction, "note");
        await SlashOptions.ReplyAsync(context, await reviews.SetClaimVerdictAsync(id, (int)number, verdict, who, note, cancellationToken), cancellationToken);
    }
}
