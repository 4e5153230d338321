using System.Text.Json.Nodes;
using EditorialBot.Bot.Discord.Gateway;
using EditorialBot.Storage;
using EditorialBot.Workflow.Git;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EditorialBot.Bot.Web;

/// <summary>
/// <c>GET /healthz</c>: the process answers and the database can be read (200, else 503). <c>GET /readyz</c>: the bot is
/// doing its job: the Discord gateway session is live and the last sweep succeeded (200, else 503 with the reasons).
/// Both answer JSON; a git sync problem is shown but does not fail them (sweeps then run on the local copy).
/// </summary>
internal sealed class HealthEndpoints(
    IDbContextFactory<EditorialDbContext> dbs,
    GitSyncState gitSync,
    ILogger<HealthEndpoints> log,
    DiscordGateway? gateway = null)
{
    /// <summary>A database that does not answer in this time is not healthy (a probe must not hang).</summary>
    public static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(5);

    public async Task LiveAsync(HttpContext http)
    {
        var (database, lastSweep) = await ReadDatabaseAsync(http.RequestAborted);
        var ok = database is null;
        JsonObject answer = new()
        {
            ["status"] = ok ? "ok" : "failing",
            ["database"] = database ?? "ok",
        };
        if (lastSweep is not null)
        {
            answer["lastSweep"] = Describe(lastSweep);
        }
        await WriteAsync(http, ok, answer);
    }

    public async Task ReadyAsync(HttpContext http)
    {
        List<string> reasons = [];
        var (database, lastSweep) = await ReadDatabaseAsync(http.RequestAborted);
        if (database is not null)
        {
            reasons.Add($"database: {database}");
        }
        var live = gateway?.IsSessionLive ?? false;
        if (!live)
        {
            reasons.Add(gateway is null ? "no Discord gateway in this process" : "the Discord gateway session is not live (connecting, resuming or closed)");
        }
        if (database is null && lastSweep is null)
        {
            reasons.Add("no sweep has run yet");
        }
        else if (lastSweep?.Failure is { } failure)
        {
            reasons.Add($"the last sweep ({lastSweep.Trigger}, {lastSweep.StartedAt:u}) failed: {failure}");
        }
        JsonObject answer = new()
        {
            ["status"] = reasons.Count == 0 ? "ready" : "not ready",
            ["gateway"] = live ? "live" : "not live",
        };
        if (lastSweep is not null)
        {
            answer["lastSweep"] = Describe(lastSweep);
        }
        if (gitSync.Load() is { } problem)
        {
            answer["gitSync"] = $"not possible since {problem.Since:u}: {problem.Problem}";
        }
        if (reasons.Count > 0)
        {
            answer["reasons"] = new JsonArray([.. reasons.Select(r => (JsonNode?)JsonValue.Create(r))]);
        }
        await WriteAsync(http, reasons.Count == 0, answer);
    }

    /// <summary>The database's problem (null when fine) and the last sweep run.</summary>
    private async Task<(string? Problem, SweepRun? LastSweep)> ReadDatabaseAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(DatabaseTimeout);
        try
        {
            await using var db = await dbs.CreateDbContextAsync(limit.Token);
            // Reads a table, not just "SELECT 1": a damaged or replaced file fails here.
            var last = await db.SweepRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(limit.Token);
            return (null, last);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ($"did not answer within {DatabaseTimeout.TotalSeconds:0} s", null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("Health check: the database failed: {Error}", ex.Message);
            return (ex.Message, null);
        }
    }

    private static JsonObject Describe(SweepRun run) => new()
    {
        ["trigger"] = run.Trigger,
        ["startedAt"] = run.StartedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
        ["ok"] = run.Failure is null,
    };

    private static Task WriteAsync(HttpContext http, bool ok, JsonObject answer) =>
        JsonReply.WriteAsync(http, ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, answer);
}
