using System.CommandLine;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EditorialBot.Bot.Cli;

/// <summary>
/// <c>outbox [--retry] [--episode REF] [--db FILE] [--json]</c>: the parked review-channel deliveries (refused by Discord
/// for good), and putting them back in the queue; a running bot picks them up within seconds.
/// </summary>
internal static class OutboxCommand
{
    public static Command Create(CliContext context)
    {
        Option<bool> retry = new("--retry") { Description = "Put the parked deliveries back in the queue (after fixing the cause)." };
        Option<string> episode = new("--episode") { Description = "Only this episode's (id, path or exact title)." };
        Option<string> db = new("--db") { Description = "The database file (default: Storage:Database)." };
        Option<bool> json = new("--json") { Description = "Write the parked deliveries as JSON on stdout." };
        Command command = new("outbox", "List parked review-channel deliveries, or retry them.") { retry, episode, db, json };
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(retry), parse.GetValue(episode), parse.GetValue(db), parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, bool retry, string? episode, string? dbOption, bool json, CancellationToken cancellationToken)
    {
        await using var session = await EngineSession.OpenAsync(context.With(("Storage:Database", dbOption)), dryRun: false, cancellationToken);
        await using var db = await session.Services.GetRequiredService<IDbContextFactory<EditorialDbContext>>().CreateDbContextAsync(cancellationToken);
        Guid? episodeId = null;
        if (!string.IsNullOrWhiteSpace(episode))
        {
            var (id, problem) = await ReviewQueue.ResolveAsync(db, episode, cancellationToken);
            if (id is null)
            {
                context.Error.WriteLine($"error: --episode {episode}: {problem}");
                return ExitCodes.Usage;
            }
            episodeId = id;
        }
        if (retry)
        {
            var count = await Outbox.RetryParkedAsync(db, episodeId, session.Services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
            context.Out.WriteLine(count == 0 ? "No parked deliveries to retry." : $"{count} parked deliveries are back in the queue; the running bot delivers them.");
            return ExitCodes.Success;
        }
        var parked = (await Outbox.ListParkedAsync(db, cancellationToken)).Where(p => episodeId is null || p.EpisodeId == episodeId).ToList();
        if (json)
        {
            CliJson.Write(context.Out, parked.Select(p => new { id = p.Id, episodeId = p.EpisodeId, episode = p.Episode, kind = p.Kind.ToString(), error = p.Error, parkedAt = p.ParkedAt }));
            return ExitCodes.Success;
        }
        if (parked.Count == 0)
        {
            context.Out.WriteLine("No parked deliveries.");
            return ExitCodes.Success;
        }
        foreach (var item in parked)
        {
            context.Out.WriteLine($"{item.ParkedAt:yyyy-MM-dd HH:mm}  {item.Describe()}");
        }
        context.Out.WriteLine($"{parked.Count} parked; retry with 'editorialbot outbox --retry' once the cause is fixed.");
        return ExitCodes.Success;
    }
}
