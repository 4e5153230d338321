using System.Text;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Bot.Discord.Rest;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Desk;

/// <summary>
/// Answers every interaction: slash commands, autocomplete, the card's buttons and the request-changes modal.
/// Slash commands are deferred privately at once; everything else runs under <see cref="InteractionContext.RunAsync"/>,
/// which defers on its own if the work is not done well inside Discord's 3 s (timed from local receipt); failures get
/// one generic private reply.
/// </summary>
internal sealed class InteractionDispatcher(
    DiscordRestClient rest,
    ReviewService reviews,
    IDbContextFactory<EditorialDbContext> dbs,
    RuntimeSettings settings,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    IEnumerable<IDeskCommand> commands,
    ILogger<InteractionDispatcher> log)
{
    private readonly Dictionary<string, IDeskCommand> _commands = commands.ToDictionary(static c => c.Definition.Name, StringComparer.Ordinal);

    /// <summary>
    /// The commands to register. Admin commands carry default_member_permissions so Discord hides them from members
    /// without those permissions (application-commands.mdx, "Permissions"); it is only a default that server admins can
    /// change under Integrations, so <see cref="Refusal"/> still checks our own roles.
    /// </summary>
    public IReadOnlyList<ApplicationCommand> Definitions =>
        [.. _commands.Values.Select(c => c.AdminOnly ? c.Definition with { DefaultMemberPermissions = options.Value.AdminCommandPermissions } : c.Definition)];

    public async Task HandleAsync(Interaction interaction, long receivedAt, CancellationToken cancellationToken)
    {
        var context = new InteractionContext(rest, interaction, receivedAt, time, log, lateReplyChannel: options.Value.ReviewChannelId);
        try
        {
            // SQLite's "async" calls run synchronously (and wait for its write lock while a sweep or the outbox writes):
            // the handler runs on the thread pool so the gateway loop and the auto-defer timer never wait for it.
            await context.RunAsync((c, ct) => Task.Run(() => DispatchAsync(c, ct), ct), options.Value.InteractionAutoDeferAfter, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var reference = interaction.Id.ToString();
            log.LogError(ex, "Interaction {InteractionId} failed after {ElapsedMs} ms", reference, (long)context.Elapsed.TotalMilliseconds);
            if (interaction.Type != InteractionType.Autocomplete)
            {
                try
                {
                    await context.RespondAsync(new MessageCreate($"Something went wrong (ref {reference}). The editors' admin can find it in the bot's log."), ephemeral: true, cancellationToken);
                }
                catch (Exception inner) when (inner is DiscordApiException or HttpRequestException or InvalidOperationException)
                {
                    log.LogWarning(inner, "Could not report the failure of interaction {InteractionId}", reference);
                }
            }
        }
    }

    private Task DispatchAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var interaction = context.Interaction;
        var who = DeskMembers.Reviewer(options.Value, interaction.Actor?.Id ?? default, interaction.Member, interaction.User);
        return interaction.Type switch
        {
            InteractionType.Autocomplete => AutocompleteAsync(context, cancellationToken),
            InteractionType.ApplicationCommand => CommandAsync(context, who, cancellationToken),
            InteractionType.MessageComponent => ButtonAsync(context, who, cancellationToken),
            InteractionType.ModalSubmit => ModalAsync(context, who, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    private async Task CommandAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        if (!_commands.TryGetValue(context.Interaction.Data?.Name ?? "", out var command))
        {
            await context.RespondAsync(new MessageCreate("This command is not known to this version of the bot."), ephemeral: true, cancellationToken);
            return;
        }
        if (Refusal(who, command.AdminOnly) is { } refusal)
        {
            await context.RespondAsync(new MessageCreate(refusal), ephemeral: true, cancellationToken);
            return;
        }
        // Every command answers privately and may need the database: acknowledge at once (privately, so the answer stays
        // private), then do the work; the answer replaces the "thinking…" message.
        await context.DeferAsync(ephemeral: true, cancellationToken);
        await command.HandleAsync(context, who, cancellationToken);
    }

    private async Task AutocompleteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var typed = SlashOptions.Focused(context.Interaction)?.Value?.ToString() ?? "";
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var matches = await ReviewQueue.SearchAsync(db, typed, 25, cancellationToken);
        await context.AutocompleteAsync(
            [.. matches.Select(static m => new ApplicationCommandOptionChoice(TextFit.Truncate(m.Title, 100), m.Id.ToString("N")))],
            cancellationToken);
    }

    private async Task ButtonAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        if (!DeskIds.TryParse(context.Interaction.Data?.CustomId, out var action, out var episodeId))
        {
            await context.RespondAsync(new MessageCreate("This button belongs to an older version of the card."), ephemeral: true, cancellationToken);
            return;
        }
        if (action == DeskIds.Claims)
        {
            await context.RespondAsync(new MessageCreate(await ClaimListAsync(episodeId, cancellationToken)), ephemeral: true, cancellationToken);
            return;
        }
        if (Refusal(who, adminOnly: false) is { } refusal)
        {
            await context.RespondAsync(new MessageCreate(refusal), ephemeral: true, cancellationToken);
            return;
        }
        switch (action)
        {
            case DeskIds.DismissOptional:
                await SlashOptions.ReplyAsync(context, await reviews.DismissOptionalClaimsAsync(episodeId, who, cancellationToken), cancellationToken);
                break;
            case DeskIds.Approve:
                await SlashOptions.ReplyAsync(context, await reviews.ApproveAsync(episodeId, who, cancellationToken), cancellationToken);
                break;
            case DeskIds.ClearChanges:
                // The author clears their own request; an admin clears every open one.
                await SlashOptions.ReplyAsync(context, await reviews.ClearChangeRequestAsync(episodeId, who, cancellationToken: cancellationToken), cancellationToken);
                break;
            case DeskIds.RequestChanges:
                await context.ShowModalAsync(new Modal(DeskIds.For(DeskIds.ChangesModal, episodeId), "Request changes",
                [
                    Component.LabelFor("What must change?", Component.TextInput(DeskIds.ReasonInput, paragraph: true, maxLength: 1000)),
                ]), cancellationToken);
                break;
        }
    }

    private async Task ModalAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        if (!DeskIds.TryParse(context.Interaction.Data?.CustomId, out var action, out var episodeId) || action != DeskIds.ChangesModal)
        {
            return;
        }
        if (Refusal(who, adminOnly: false) is { } refusal)
        {
            await context.RespondAsync(new MessageCreate(refusal), ephemeral: true, cancellationToken);
            return;
        }
        var reason = FindValue(context.Interaction.Data?.Components, DeskIds.ReasonInput) ?? "";
        await SlashOptions.ReplyAsync(context, await reviews.RequestChangesAsync(episodeId, who, reason, cancellationToken), cancellationToken);
    }

    private async Task<string> ClaimListAsync(Guid episodeId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var card = await ReviewCards.LoadAsync(db, episodeId, await settings.RulesAsync(db, cancellationToken), cancellationToken);
        if (card is null)
        {
            return "This episode is no longer tracked.";
        }
        StringBuilder text = new($"**Claims of {card.DisplayTitle}** ({DeskRenderer.ClaimsLine(card)})\n");
        foreach (var claim in card.Claims)
        {
            var tier = claim.Tier == ClaimTier.Check ? "must check" : "optional";
            var line = $"{DeskEmoji.For(claim.Verdict)} {claim.Number}. ({tier}, line {claim.Line}) {TextFit.Truncate(claim.Text, 120)}\n";
            if (TextFit.CodePoints(text.ToString()) + TextFit.CodePoints(line) > 1950)
            {
                text.Append("… (see the thread for the rest)");
                break;
            }
            text.Append(line);
        }
        return text.ToString();
    }

    internal static string? Refusal(Reviewer who, bool adminOnly) =>
        adminOnly && !who.IsAdmin ? "Only the bot's admins can do this (you have none of the admin roles)."
        : !who.MayReview ? "Only editors can review episodes (you have none of the editor roles). Ask an admin to give you the editor role."
        : null;

    private static string? FindValue(IReadOnlyList<Component>? components, string customId)
    {
        foreach (var component in components ?? [])
        {
            if (component.CustomId == customId && component.Value is not null)
            {
                return component.Value;
            }
            var nested = FindValue(component.Components, customId) ?? (component.Child is { } child ? FindValue([child], customId) : null);
            if (nested is not null)
            {
                return nested;
            }
        }
        return null;
    }
}
