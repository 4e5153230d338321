using System.CommandLine;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Git;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EditorialBot.Bot.Cli;

/// <summary><c>status [--json] [--db FILE]</c>: the review queue — each episode's state, approvals, claims resolved, age.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> db = new("--db") { Description = "The database file (default: Storage:Database)." };
        Option<bool> json = new("--json") { Description = "Write the queue as JSON on stdout." };
        Command command = new("status", "Show the review queue.") { db, json };
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(db), parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? dbOption, bool json, CancellationToken cancellationToken)
    {
        await using var session = await EngineSession.OpenAsync(context.With(("Storage:Database", dbOption)), dryRun: false, cancellationToken);
        var dbs = session.Services.GetRequiredService<IDbContextFactory<EditorialDbContext>>();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var rules = await session.Services.GetRequiredService<RuntimeSettings>().RulesAsync(db, cancellationToken);
        var now = session.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var queue = await ReviewQueue.LoadAsync(db, rules, now, cancellationToken: cancellationToken);
        var lastSweep = await db.SweepRuns.OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var waiting = await Outbox.Pending(db).CountAsync(cancellationToken);
        var failing = await Outbox.Pending(db).Where(m => m.LastError != null).OrderBy(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        var parked = await Outbox.ListParkedAsync(db, cancellationToken);

        if (session.Services.GetRequiredService<GitSyncState>().Load() is { } gitProblem)
        {
            // On stderr, so the JSON queue keeps its shape; the text view shows it first.
            context.Error.WriteLine($"git sync not possible since {gitProblem.Since:yyyy-MM-dd HH:mm} UTC: {gitProblem.Problem} (sweeps use the local copy)");
        }
        if (json)
        {
            CliJson.Write(context.Out, queue.Select(i => new
            {
                id = i.EpisodeId,
                path = i.Path,
                title = i.Title,
                state = ReviewText.State(i.State),
                approvals = i.Approvals,
                requiredApprovals = i.RequiredApprovals,
                claimsResolved = i.ClaimsResolved,
                claimsTotal = i.ClaimsTotal,
                optionalResolved = i.OptionalResolved,
                optionalTotal = i.OptionalTotal,
                ageHours = i.WaitingHours,
                firstSeen = i.FirstSeenAt,
                canPublish = i.CanPublish,
                blockers = i.Blockers,
                error = i.Error,
                parkedDeliveries = parked.Where(p => p.EpisodeId == i.EpisodeId).Select(p => new { id = p.Id, kind = p.Kind.ToString(), error = p.Error, parkedAt = p.ParkedAt }),
            }));
            return ExitCodes.Success;
        }

        var output = context.Out;
        if (queue.Count == 0)
        {
            output.WriteLine($"No episodes yet in {session.Database}. Run 'editorialbot sweep' first.");
            return ExitCodes.Success;
        }
        output.WriteLine($"{"STATE",-18} {"APPROVALS",-9} {"CLAIMS",-9} {"AGE",6}  {"ID",-8}  EPISODE");
        foreach (var item in queue)
        {
            var claims = item.ClaimsTotal + item.OptionalTotal == 0 ? "-" : $"{item.ClaimsResolved}/{item.ClaimsTotal}+{item.OptionalTotal}";
            output.WriteLine($"{ReviewText.State(item.State),-18} {$"{item.Approvals}/{item.RequiredApprovals}",-9} {claims,-9} {Age(item.WaitingHours),6}  {item.EpisodeId.ToString()[..8]}  {item.Title ?? item.Path} ({item.Path})");
        }
        var open = queue.Count(i => ReviewQueue.IsOpen(i.State));
        output.WriteLine();
        output.WriteLine($"{queue.Count} episodes, {open} open; rules: {rules.RequiredApprovals} approval(s), claims gate {(rules.RequireClaimsResolved ? "on" : "off")} (CLAIMS: must-check resolved/total + optional)."
            + (lastSweep is null ? "" : $" Last sweep {lastSweep.StartedAt:yyyy-MM-dd HH:mm} UTC ({lastSweep.Trigger}{(lastSweep.Failure is null ? "" : $", failed: {lastSweep.Failure}")})."));
        if (waiting > 0)
        {
            output.WriteLine($"{waiting} review-channel operation(s) waiting for delivery"
                + (failing is null ? "." : $"; retrying after {failing.Attempts} attempt(s): {failing.LastError}"));
        }
        if (parked.Count > 0)
        {
            output.WriteLine($"{parked.Count} parked deliver{(parked.Count == 1 ? "y" : "ies")} (refused by Discord for good; retry with 'editorialbot outbox --retry' once the cause is fixed):");
            foreach (var item in parked)
            {
                output.WriteLine($"  {item.Describe()}");
            }
        }
        return ExitCodes.Success;
    }

    private static string Age(double hours) => hours < 1 ? "<1h" : hours < 48 ? $"{hours:0}h" : $"{hours / 24:0}d";
}
