using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Floor;

internal sealed class FloorDbContext(DbContextOptions<FloorDbContext> options) : DbContext(options)
{
    public DbSet<Tick> Ticks => Set<Tick>();
}

internal sealed class Tick
{
    public int Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string Note { get; set; } = "";
}
