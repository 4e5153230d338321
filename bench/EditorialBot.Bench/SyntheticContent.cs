using System.Text;

namespace EditorialBot.Bench;

/// <summary>Writes a synthetic site: N episode notes in the shape of the real ones, plus the minimal Hugo config.</summary>
internal static class SyntheticContent
{
    private static readonly string[] s_phrases =
    [
        "根据公开数据，", "业内人士普遍认为，", "从产业链的角度来看，", "我们先回顾一下背景。", "这个数字值得注意：",
        "半导体产能在过去三年里持续扩张，", "能源价格的波动直接影响了制造业成本，", "出口管制让供应链重新洗牌，",
        "市场份额的变化并不像新闻标题那样剧烈，", "补贴政策往往决定了工厂的选址，", "技术路线之争还没有结束，",
        "投资者对这一领域的信心明显回升，", "地缘政治的不确定性仍然很高，", "消费者需求在第四季度出现反弹，",
        "研发投入占营收的比例超过了百分之十五，", "监管机构正在重新评估相关规则，", "这背后其实有更深层的原因。",
        "换句话说，短期影响有限，长期影响深远。", "我们不妨用一组对比来说明。", "当然，这只是其中一种解释。",
    ];

    private static readonly string[] s_orgs = ["路透社", "国际能源署", "世界银行", "台积电", "三星电子", "欧盟委员会", "丰田", "比亚迪"];
    private static readonly string[] s_people = ["张三", "李四", "王五", "赵六", "陈七"];
    private static readonly string[] s_tags = ["semiconductor", "energy", "geopolitics", "economy", "ai", "supply-chain", "china", "europe"];

    public static void Write(string dir, int count, int kilobytes)
    {
        var content = Path.Combine(dir, "content", "episodes");
        Directory.CreateDirectory(content);
        File.WriteAllText(Path.Combine(dir, "config.toml"), "baseURL = \"http://localhost/\"\ntitle = \"EditorialBot benchmark\"\nlanguageCode = \"zh-cn\"\n");
        var random = new Random(20251222);
        var text = new StringBuilder(kilobytes * 1024 + 4096);
        for (var i = 0; i < count; i++)
        {
            text.Clear();
            AppendEpisode(text, i, kilobytes, random);
            var folder = Path.Combine(content, (i / 1000).ToString("D2"));
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"episode-{i:D5}.md"), text.ToString());
        }
    }

    private static void AppendEpisode(StringBuilder text, int i, int kilobytes, Random random)
    {
        var date = new DateOnly(2020, 1, 1).AddDays(i % 2000);
        text.Append("---\n")
            .Append("area: ").Append(i % 2 == 0 ? "tech-work" : "geopolitics").Append('\n')
            .Append("category: ").Append(s_tags[i % s_tags.Length]).Append('\n')
            .Append("companies_orgs:\n");
        for (var k = 0; k < 4; k++)
        {
            text.Append("- ").Append(s_orgs[(i + k) % s_orgs.Length]).Append('\n');
        }
        text.Append("date: '").Append(date.ToString("yyyy-MM-dd")).Append("'\n")
            .Append("draft: ").Append(i % 10 == 0 ? "true" : "false").Append('\n')
            .Append("guest: ''\n")
            .Append("layout: post.njk\n")
            .Append("people:\n- ").Append(s_people[i % s_people.Length]).Append("\n- ").Append(s_people[(i + 2) % s_people.Length]).Append('\n')
            .Append("source: https://www.youtube.com/watch?v=bench").Append(i.ToString("D6")).Append('\n')
            .Append("speaker: 基准测试频道\n")
            .Append("status: ").Append(i % 10 == 0 ? "evergreen" : "published").Append('\n')
            .Append("summary: 第").Append(i).Append("期节目讨论了产业政策、供应链与技术竞争，并用一组数据比较了各方在").Append(2020 + i % 6)
            .Append("年的产能与投资规模，分析指出短期内格局难以改变。\n")
            .Append("tags:\n");
        for (var k = 0; k < 3; k++)
        {
            text.Append("- ").Append(s_tags[(i + k * 3) % s_tags.Length]).Append('\n');
        }
        text.Append("title: 第").Append(i).Append("期：产业竞争的下一步会走向哪里？\n")
            .Append("---\n\n");
        var target = kilobytes * 1024;
        var section = 0;
        while (Encoding.UTF8.GetByteCount(text.ToString()) < target)
        {
            text.Append("### 第").Append(++section).Append("部分\n\n");
            for (var p = 0; p < 6; p++)
            {
                for (var s = 0; s < 8; s++)
                {
                    text.Append(s_phrases[random.Next(s_phrases.Length)]);
                }
                text.Append("**").Append(2015 + random.Next(11)).Append("年").Append(1 + random.Next(12)).Append("月**，产量达到**")
                    .Append(random.Next(10, 999)).Append("万吨**，同比增长**").Append(random.Next(1, 60)).Append("%**。\n\n");
            }
        }
    }
}
