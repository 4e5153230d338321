using System.Diagnostics;
using System.Globalization;
using System.Text;
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
/// Threads in parallel: N drafts (default 5) the size of a real episode note (about 29 KB, about 70 claims each) through
/// the whole bot against the fake Discord's default limits (message posts 5 per 5 s per channel). Each card's thread is
/// its own bucket, so the batch can go no faster than its busiest channel: for a channel with m bot messages the floor is
/// 5 × (ceil(m/5) − 1) s, and the batch floor is the largest of those. Prints the elapsed time from the first bot message
/// to the last, the floor, and their ratio (goal: at most 1.1).
/// </summary>
internal static class FanoutBenchmark
{
    private const string PostRoute = "/channels/{channel_id}/messages";

    // Claim-shaped sentences (numbers, dates, attributions) and talk around them, written for this benchmark.
    private static readonly string[] s_facts =
    [
        "据海关总署统计，{0}年中国出口电动汽车约{1}万辆，同比增长{2}%。",
        "国际能源署在{0}年4月的报告中预测，到2030年全球数据中心用电量将达到约{1}太瓦时。",
        "根据公司财报，{0}年第三季度营收为{1}亿美元，比去年同期增长{2}%。",
        "世界银行估计，{0}年东南亚地区的光伏装机容量达到{1}吉瓦，占全球的{2}%。",
    ];

    private const string Talk = "我们先把背景交代一下，然后再看这些数字到底说明了什么问题，大家可以在评论区留言讨论。";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 && args[0] == "--count" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var folder = Path.Combine(Path.GetTempPath(), "editorialbot-bench-fanout-" + Guid.NewGuid().ToString("N"));
        var content = Directory.CreateDirectory(Path.Combine(folder, "content")).FullName;
        for (var i = 1; i <= count; i++)
        {
            File.WriteAllText(Path.Combine(content, $"ep{i:000}.md"), Note(i));
        }

        await using var fake = await FakeDiscordServer.StartAsync();
        fake.Gateway.HeartbeatInterval = TimeSpan.FromSeconds(30);
        var editor = fake.State.AddRole("editor").Id;
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Content:Root"] = content,
            ["Storage:Database"] = Path.Combine(folder, "editorial.db"),
            ["Claims:Glossary"] = "",
            ["Discord:Token"] = fake.Token,
            ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
            ["Discord:GuildId"] = fake.State.GuildId.ToString(CultureInfo.InvariantCulture),
            ["Discord:ReviewChannelId"] = fake.State.ReviewChannelId.ToString(CultureInfo.InvariantCulture),
            ["Discord:EditorRoleIds:0"] = editor.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        }).Build();

        using var host = BotHost.Build(config, services => services.AddEditorialDesk(config));
        await host.StartAsync();
        await fake.Gateway.ExpectIdentifyAsync();
        await fake.Gateway.SendReadyAsync();
        var dbs = host.Services.GetRequiredService<IDbContextFactory<EditorialDbContext>>();
        var clock = Stopwatch.StartNew();
        int cards, pending, claims, total;
        do
        {
            await Task.Delay(200);
            await using var db = await dbs.CreateDbContextAsync();
            cards = await db.Episodes.CountAsync(e => e.ReviewMessageId != null);
            total = await db.Claims.CountAsync(c => c.Active);
            claims = await db.Claims.CountAsync(c => c.MessageId != null);
            pending = await db.Outbox.CountAsync(m => m.DeliveredAt == null);
        }
        while ((cards < count || pending > 0) && clock.Elapsed < TimeSpan.FromMinutes(20));
        await host.StopAsync();

        var posts = fake.Requests.All.Where(static r => r.Method == "POST" && r.Route == PostRoute && r.Status == 200).OrderBy(static r => r.Timestamp).ToList();
        var byChannel = posts.GroupBy(static r => r.Path.Split('/')[2]).Select(static g => g.Count()).ToList();
        var floor = byChannel.Count == 0 ? 0 : byChannel.Max(static m => 5 * ((m + 4) / 5 - 1));
        var elapsed = posts.Count < 2 ? 0 : Stopwatch.GetElapsedTime(posts[0].Timestamp, posts[^1].Timestamp).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fanout: {count} drafts of ~{new FileInfo(Path.Combine(content, "ep001.md")).Length / 1024} KB -> {cards} cards, {claims}/{total} claim messages, {posts.Count} bot messages in {byChannel.Count} channels (busiest {(byChannel.Count == 0 ? 0 : byChannel.Max())}), outbox pending {pending}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first to last bot message: {elapsed:0.0} s; floor {floor} s; ratio {(floor == 0 ? double.NaN : elapsed / floor):0.00} (goal <= 1.10); 429s received {fake.Requests.All.Count(static r => r.Status == 429)}"));
        Directory.Delete(folder, recursive: true);
        return cards == count && pending == 0 ? 0 : 1;
    }

    /// <summary>A note the size of a real one: about 70 claim sentences among talk, in paragraphs.</summary>
    private static string Note(int episode)
    {
        StringBuilder body = new();
        for (var i = 0; i < 70; i++)
        {
            var fact = string.Format(CultureInfo.InvariantCulture, s_facts[i % s_facts.Length], 2000 + (i % 25), 100 + (episode * 1000) + i, 1 + (i % 60));
            body.Append(fact).Append(Talk).Append(Talk).Append("\n\n");
        }
        return $"---\ntitle: 第{episode}期：出口、电力与芯片\ndate: '2025-12-01'\ndraft: true\nsource: https://www.youtube.com/watch?v=Fanout{episode:00000}\nspeaker: 测试频道\nstatus: evergreen\nsummary: 第{episode}期节目。\n---\n\n{body}";
    }
}
