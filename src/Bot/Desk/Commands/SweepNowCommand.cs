using System.Globalization;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Workflow.Review;
using EditorialBot.Workflow.Sweep;

namespace EditorialBot.Bot.Desk.Commands;

internal sealed class SweepNowCommand(SweepService sweeps) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = new("sweep", "Scan the content folder for drafts now (admins)");

    public bool AdminOnly => true;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        await context.DeferAsync(ephemeral: true, cancellationToken);
        var result = await sweeps.SweepAsync($"discord:{who.Display}", cancellationToken);
        await context.RespondAsync(new MessageCreate(string.Create(CultureInfo.InvariantCulture,
            $"Sweep done in {result.Duration.TotalSeconds:0.0} s: {result.Files} files, {result.Drafts} drafts, {result.Count(SweepEventKind.New)} new, {result.Count(SweepEventKind.Changed)} changed, {result.Count(SweepEventKind.Broken)} broken, {result.StaleReviews.Count} stale reviews.")),
            ephemeral: true, cancellationToken, postIfLate: true);
    }
}
