using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Storage;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Bot.Desk.Commands;

/// <summary>
/// <c>/clear-changes episode [author]</c>: withdraws a request for changes. Its author clears their own; an admin
/// clears one author's (<c>author</c>) or every open request. The policy lives in <see cref="ReviewService"/>.
/// </summary>
internal sealed class ClearChangesCommand(ReviewService reviews, IDbContextFactory<EditorialDbContext> dbs) : IDeskCommand
{
    public const int UserType = 6;

    public ApplicationCommand Definition { get; } = new("clear-changes", "Clear a request for changes (your own; admins: anyone's, or all)",
    [
        SlashOptions.Episode(),
        new ApplicationCommandOption(UserType, "author", "Admins: clear only this member's request (default: all)"),
    ]);

    public bool AdminOnly => false;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        if (await SlashOptions.EpisodeAsync(context, dbs, cancellationToken) is { } id)
        {
            var author = SlashOptions.String(context.Interaction, "author");
            await SlashOptions.ReplyAsync(context, await reviews.ClearChangeRequestAsync(id, who, author, cancellationToken), cancellationToken);
        }
    }
}
