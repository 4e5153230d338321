using System.CommandLine;
using EditorialBot.Bot.Desk;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Content;
using EditorialBot.Workflow.Review;
using EditorialBot.Workflow.Sweep;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewCard = EditorialBot.Workflow.Channel.ReviewCard;

namespace EditorialBot.Bot.Cli;

/// <summary>
/// <c>sweep [--dry-run] [--content DIR] [--db FILE] [--json]</c>: find new, changed, moved and deleted
/// drafts and update the review state. A dry run changes nothing (it sweeps a throwaway copy of the
/// database) and prints every message the desk would send, built by the desk's own renderer.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        Option<bool> dryRun = new("--dry-run") { Description = "Change nothing; print the review cards the bot would post." };
        Option<string> content = new("--content") { Description = "The content folder (default: Content:Root)." };
        Option<string> db = new("--db") { Description = "The database file (default: Storage:Database)." };
        Option<bool> json = new("--json") { Description = "Write the result as JSON on stdout." };
        Command command = new("sweep", "Sweep the content folder for drafts and update the review queue.") { dryRun, content, db, json };
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(dryRun), parse.GetValue(content), parse.GetValue(db), parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, bool dryRun, string? contentOption, string? dbOption, bool json, CancellationToken cancellationToken)
    {
        if (context.Content(contentOption) is not { } content)
        {
            return ExitCodes.Usage;
        }
        await using var session = await EngineSession.OpenAsync(context.With(("Content:Root", content.FullRoot), ("Storage:Database", dbOption)), dryRun, cancellationToken);
        var services = session.Services;
        var result = await services.GetRequiredService<SweepService>().SweepAsync(dryRun ? "dry-run" : "cli", cancellationToken);

        var dbs = services.GetRequiredService<IDbContextFactory<EditorialDbContext>>();
        var settings = services.GetRequiredService<RuntimeSettings>();
        IReadOnlyList<ReviewCard> cards;
        int queued;
        await using (var dbContext = await dbs.CreateDbContextAsync(cancellationToken))
        {
            var rules = await settings.RulesAsync(dbContext, cancellationToken);
            var pending = await dbContext.Outbox.Where(m => m.DeliveredAt == null && m.EpisodeId != null).Select(m => m.EpisodeId!.Value).Distinct().ToListAsync(cancellationToken);
            queued = await dbContext.Outbox.CountAsync(m => m.DeliveredAt == null, cancellationToken);
            List<ReviewCard> loaded = [];
            foreach (var id in pending)
            {
                if (await ReviewCards.LoadAsync(dbContext, id, rules, cancellationToken) is { } card)
                {
                    loaded.Add(card);
                }
            }
            cards = loaded.OrderBy(c => c.Path, StringComparer.Ordinal).ToList();
        }

        if (json)
        {
            CliJson.Write(context.Out, new
            {
                contentRoot = result.ContentRoot,
                dryRun,
                database = dryRun ? null : session.Database.ToString(),
                runId = dryRun ? (long?)null : result.RunId,
                durationMs = (long)result.Duration.TotalMilliseconds,
                files = result.Files,
                drafts = result.Drafts,
                unchanged = result.Unchanged,
                counts = Enum.GetValues<SweepEventKind>().ToDictionary(k => Camel(k.ToString()), result.Count),
                events = result.Events.Select(e => new { kind = Camel(e.Kind.ToString()), path = e.Path, episodeId = e.EpisodeId, title = e.Title, detail = e.Detail }),
                staleReviews = result.StaleReviews,
                queuedOperations = queued,
                cards,
            });
            return ExitCodes.Success;
        }

        var output = context.Out;
        output.WriteLine(dryRun
            ? $"Dry-run sweep of {result.ContentRoot} — nothing was written; below are the cards the bot would post."
            : $"Sweep of {result.ContentRoot} (database {session.Database})");
        output.WriteLine();
        output.WriteLine($"{result.Files} files · {result.Drafts} drafts · {result.Count(SweepEventKind.New)} new · "
            + $"{result.Count(SweepEventKind.Changed) + result.Count(SweepEventKind.MetadataChanged)} changed · {result.Count(SweepEventKind.Moved)} moved · "
            + $"{result.Count(SweepEventKind.Gone)} gone · {result.Count(SweepEventKind.Broken)} broken · {result.Unchanged} unchanged  ({result.Duration.TotalMilliseconds:0} ms)");
        if (result.Events.Count > 0)
        {
            output.WriteLine();
            var width = Math.Min(48, result.Events.Max(e => e.Path.Length));
            foreach (var e in result.Events.OrderBy(e => e.Kind).ThenBy(e => e.Path, StringComparer.Ordinal))
            {
                output.WriteLine($"  {Label(e.Kind),-10} {e.Path.PadRight(width)}  {(e.Kind == SweepEventKind.Broken ? e.Detail : $"{e.Title ?? ""} ({e.Detail})")}");
            }
        }
        output.WriteLine();
        if (dryRun)
        {
            // The outbox's own delivery, into a channel that prints what the Discord desk would send.
            var channel = new PrintedReviewChannel(output, services.GetRequiredService<IOptions<ClaimsOptions>>().Value.MaxPerEpisode,
                services.GetRequiredService<IOptions<ContentOptions>>().Value.Links);
            var dispatcher = ActivatorUtilities.CreateInstance<OutboxDispatcher>(services, (IReviewChannel)channel);
            await dispatcher.DeliverDueAsync(cancellationToken);
            channel.Flush();
            if (channel.Posted == 0)
            {
                output.WriteLine("No new review cards: every draft already has one.");
            }
        }
        else if (queued > 0)
        {
            output.WriteLine($"{queued} review-channel operation(s) queued; the bot (editorialbot run) delivers them.");
        }
        output.WriteLine(result.StaleReviews.Count == 0 ? "Stale reviews: none." : $"Stale reviews ({result.StaleReviews.Count}):");
        foreach (var stale in result.StaleReviews)
        {
            output.WriteLine($"  - {stale.Title ?? stale.Path} ({stale.Path}): {stale.Why}, waiting {stale.WaitingHours:0} h");
        }
        return ExitCodes.Success;
    }

    private static string Label(SweepEventKind kind) => kind switch
    {
        SweepEventKind.MetadataChanged => "metadata",
        SweepEventKind.PublishedOutside => "published",
        SweepEventKind.UnpublishedOutside => "draft again",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
