using System.Globalization;
using System.Text;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Bot.Desk.Commands;

/// <summary><c>/episode</c> (details and recent history) and, for admins, <c>/audit</c> (the whole audit trail).</summary>
internal sealed class EpisodeDetailsCommand(IDbContextFactory<EditorialDbContext> dbs, RuntimeSettings settings, bool audit) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = audit
        ? new("audit", "The audit trail of an episode (admins)", [SlashOptions.Episode()])
        : new("episode", "Details and history of an episode", [SlashOptions.Episode()]);

    public bool AdminOnly => audit;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        if (await SlashOptions.EpisodeAsync(context, dbs, cancellationToken) is not { } id)
        {
            return;
        }
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var rules = await settings.RulesAsync(db, cancellationToken);
        var card = await ReviewCards.LoadAsync(db, id, rules, cancellationToken);
        var history = await ReviewQueue.HistoryAsync(db, id, cancellationToken);
        var shown = audit ? history : history.TakeLast(10).ToList();
        StringBuilder log = new();
        foreach (var entry in shown)
        {
            log.Append(CultureInfo.InvariantCulture, $"`{entry.At:yyyy-MM-dd HH:mm}` {entry.Actor}: {entry.Action}{(string.IsNullOrEmpty(entry.Details) ? "" : " — " + entry.Details)}\n");
        }
        List<Embed> embeds = [];
        if (card is not null)
        {
            embeds.Add(DeskRenderer.CardEmbed(card, int.MaxValue));
        }
        embeds.Add(new Embed(Title: audit ? "Audit trail" : "Recent history", Description: TextFit.FitMarkdown(log.Length == 0 ? "(nothing yet)" : log.ToString(), 4000)));
        await context.RespondAsync(new MessageCreate(Embeds: embeds), ephemeral: true, cancellationToken);
    }
}
