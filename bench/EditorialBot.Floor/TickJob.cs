using Microsoft.EntityFrameworkCore;
using Quartz;

namespace EditorialBot.Floor;

/// <summary>What the bot's jobs do at their smallest: a scheduled read of the database.</summary>
internal sealed class TickJob(IDbContextFactory<FloorDbContext> dbs) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        _ = await db.Ticks.AsNoTracking().Where(t => t.Note != "").CountAsync(cancellationToken);
    }
}
