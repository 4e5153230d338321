using System.CommandLine;
using EditorialBot.Storage;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EditorialBot.Bot.Cli;

/// <summary><c>status [--json] [--db FILE]</c>: the review queue — each episode's state, approvals, claims resolved, age.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        Option<string> db = new("--db") { Description = "The database file (default: Storage:Database)." };
        Option<bool> json = new("--json") { Description = "Write the queue as JSON on stdout." };
        Command command = new("status", "Show the review queue.") { db, json };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(db), parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? dbOption, bool json, CancellationToken cancellationToken)
    {
        var context = CliContext.Current;
        await using var session = await EngineSession.OpenAsync(context.Configuration, dbOption, contentRoot: null, dryRun: false, cancellationToken);
        var dbs = session.Services.GetRequiredService<IDbContextFactory<EditorialDbContext>>();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var rules = await session.Services.GetRequiredService<RuntimeSettings>().RulesAsync(db, cancellationToken);
        var now = session.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var queue = await ReviewQueue.LoadAsync(db, rules, now, cancellationToken: cancellationToken);
        var lastSweep = await db.SweepRuns.OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var waiting = await db.Outbox.CountAsync(m => m.DeliveredAt == null, cancellationToken);
        var failing = await db.Outbox.Where(m => m.DeliveredAt == null && m.LastError != null).OrderBy(m => m.Id).FirstOrDefaultAsync(cancellationToken);

        if (json)
        {
            CliJson.Write(context.Out, queue.Select(i => new
            {
                id = i.EpisodeId,
                path = i.Path,
                title = i.Title,
                state = ReviewService.StateText(i.State),
                approvals = i.Approvals,
                requiredApprovals = i.RequiredApprovals,
                claimsResolved = i.ClaimsResolved,
                claimsTotal = i.ClaimsTotal,
                ageHours = i.WaitingHours,
                firstSeen = i.FirstSeenAt,
                canPublish = i.CanPublish,
                blockers = i.Blockers,
                error = i.Error,
            }));
            return ExitCodes.Success;
        }

        var output = context.Out;
        if (queue.Count == 0)
        {
            output.WriteLine($"No episodes yet in {session.Database}. Run 'editorialbot sweep' first.");
            return ExitCodes.Success;
        }
        output.WriteLine($"{"STATE",-18} {"APPROVALS",-9} {"CLAIMS",-7} {"AGE",6}  {"ID",-8}  EPISODE");
        foreach (var item in queue)
        {
            var claims = item.ClaimsTotal == 0 ? "-" : $"{item.ClaimsResolved}/{item.ClaimsTotal}";
            output.WriteLine($"{ReviewService.StateText(item.State),-18} {$"{item.Approvals}/{item.RequiredApprovals}",-9} {claims,-7} {Age(item.WaitingHours),6}  {item.EpisodeId.ToString()[..8]}  {item.Title ?? item.Path} ({item.Path})");
        }
        var open = queue.Count(i => ReviewQueue.IsOpen(i.State));
        output.WriteLine();
        output.WriteLine($"{queue.Count} episodes, {open} open; rules: {rules.RequiredApprovals} approval(s), claims gate {(rules.RequireClaimsResolved ? "on" : "off")}."
            + (lastSweep is null ? "" : $" Last sweep {lastSweep.StartedAt:yyyy-MM-dd HH:mm} UTC ({lastSweep.Trigger}{(lastSweep.Failure is null ? "" : $", failed: {lastSweep.Failure}")})."));
        if (waiting > 0)
        {
            output.WriteLine($"{waiting} review-channel operation(s) waiting for delivery"
                + (failing is null ? "." : $"; retrying after {failing.Attempts} attempt(s): {failing.LastError}"));
        }
        return ExitCodes.Success;
    }

    private static string Age(double hours) => hours < 1 ? "<1h" : hours < 48 ? $"{hours:0}h" : $"{hours / 24:0}d";
}
