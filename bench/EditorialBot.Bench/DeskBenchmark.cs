using System.Diagnostics;
using System.Globalization;
using EditorialBot.Bot.Desk;
using EditorialBot.Bot.Hosting;
using EditorialBot.FakeDiscord;
using EditorialBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EditorialBot.Bench;

/// <summary>
/// Sweep to cards: N drafts (default 50) in a fresh content folder and database, the whole bot against the fake
/// Discord with its default rate limits (message posts and edits 5 per 5 s per channel), timed from start-up until
/// every card, thread and claim message is posted and the outbox is empty. Prints the floor the card channel's
/// bucket imposes for comparison.
/// </summary>
internal static class DeskBenchmark
{
    private const string Fact = "据海关总署统计，2024年中国出口电动汽车约{0}万辆，同比增长{1}%。";
    private const string Fact2 = "国际能源署在2025年4月的报告中预测，到2030年全球数据中心用电量将达到约{0}太瓦时。";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 && args[0] == "--count" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var folder = Path.Combine(Path.GetTempPath(), "editorialbot-bench-desk-" + Guid.NewGuid().ToString("N"));
        var content = Directory.CreateDirectory(Path.Combine(folder, "content")).FullName;
        for (var i = 1; i <= count; i++)
        {
            var body = string.Format(CultureInfo.InvariantCulture, Fact, 100 + i, i % 40) + "\n\n我个人觉得这个话题很有意思。\n\n"
                + string.Format(CultureInfo.InvariantCulture, Fact2, 900 + i) + "\n";
            File.WriteAllText(Path.Combine(content, $"ep{i:000}.md"),
                $"---\ntitle: 第{i}期：出口与电力\ndate: '2025-12-01'\ndraft: true\nsource: https://www.youtube.com/watch?v=Bench{i:00000}\nspeaker: 测试频道\nstatus: evergreen\nsummary: 第{i}期节目。\n---\n\n{body}");
        }

        await using var fake = await FakeDiscordServer.StartAsync();
        fake.Gateway.HeartbeatInterval = TimeSpan.FromSeconds(30);
        var editor = fake.State.AddRole("editor").Id;
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Content:Root"] = content,
            ["Storage:Database"] = Path.Combine(folder, "editorial.db"),
            ["Discord:Token"] = fake.Token,
            ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
            ["Discord:GuildId"] = fake.State.GuildId.ToString(CultureInfo.InvariantCulture),
            ["Discord:ReviewChannelId"] = fake.State.ReviewChannelId.ToString(CultureInfo.InvariantCulture),
            ["Discord:EditorRoleIds:0"] = editor.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Cluster:Lease"] = "00:05:00",
        }).Build();

        var clock = Stopwatch.StartNew();
        using var host = BotHost.Build(config, services => services.AddEditorialDesk(config));
        await host.StartAsync();
        await fake.Gateway.ExpectIdentifyAsync();
        await fake.Gateway.SendReadyAsync();
        var dbs = host.Services.GetRequiredService<IDbContextFactory<EditorialDbContext>>();
        int cards, pending, claims;
        do
        {
            await Task.Delay(100);
            await using var db = await dbs.CreateDbContextAsync();
            cards = await db.Episodes.CountAsync(e => e.ReviewMessageId != null);
            claims = await db.Claims.CountAsync(c => c.MessageId != null);
            pending = await db.Outbox.CountAsync(m => m.DeliveredAt == null);
        }
        while ((cards < count || pending > 0) && clock.Elapsed < TimeSpan.FromMinutes(15));
        var elapsed = clock.Elapsed;
        await host.StopAsync();

        var posts = fake.Requests.All.Count(r => r.Method == "POST" && r.Route == "/channels/{channel_id}/messages");
        var floor = TimeSpan.FromSeconds(5) * ((count + 4) / 5 - 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"desk: {count} drafts -> {cards} cards, {claims} claim messages, {posts} message posts, outbox pending {pending}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep to cards: {elapsed.TotalSeconds:0.0} s (floor of the review channel's 5-per-5 s bucket for {count} cards: {floor.TotalSeconds:0} s); 429s received {fake.Requests.All.Count(r => r.Status == 429)}"));
        Directory.Delete(folder, recursive: true);
        return cards == count && pending == 0 ? 0 : 1;
    }
}
