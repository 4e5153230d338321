// The smallest process with the bot's stack: a host, EF Core on a SQLite file (one table, written then read on a
// schedule) and a Quartz scheduler. It prints "ready" once its first query has run; bench startup then reads its
// resident memory as the bot's floor. Usage: editorialbot-floor DATABASE_FILE
using EditorialBot.Floor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Services.AddLogging();
builder.Services.AddDbContextFactory<FloorDbContext>(o => o.UseSqlite($"Data Source={args[0]}"));
builder.Services.AddQuartz(q => q.ScheduleJob<TickJob>(t => t.WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(1)).RepeatForever())));
builder.Services.AddQuartzHostedService();
builder.Services.AddHostedService<FirstWrite>();
await builder.Build().RunAsync();
