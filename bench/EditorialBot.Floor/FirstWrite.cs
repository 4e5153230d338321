using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace EditorialBot.Floor;

/// <summary>Creates the table, writes one row, reads it back, then says "ready".</summary>
internal sealed class FirstWrite(IDbContextFactory<FloorDbContext> dbs) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var db = await dbs.CreateDbContextAsync(stoppingToken);
        await db.Database.EnsureCreatedAsync(stoppingToken);
        db.Ticks.Add(new Tick { At = DateTimeOffset.UtcNow, Note = "start" });
        await db.SaveChangesAsync(stoppingToken);
        _ = await db.Ticks.AsNoTracking().OrderByDescending(t => t.Id).FirstAsync(stoppingToken);
        Console.WriteLine("ready");
    }
}
