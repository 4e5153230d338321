namespace EditorialBot.Tests.Support;

/// <summary>Episode notes written for these tests, in the shape of the real ones (front matter, Chinese body).</summary>
internal static class Notes
{
    public const string FactOne = "据海关总署统计，2024年中国出口电动汽车约128万辆，同比增长23%。";
    public const string FactTwo = "国际能源署在2025年4月的报告中预测，到2030年全球数据中心用电量将达到约945太瓦时。";
    public const string FactThree = "台积电在2025年第四季度开始量产2纳米芯片，苹果已经订下了首批产能。";

    public static string Draft(
        string title = "电动车出海：数字背后的真相",
        string summary = "本期讨论中国电动车出口的规模和风险。",
        string tags = "- ev\n- trade",
        string status = "evergreen",
        string? body = null,
        string draft = "true") =>
        $"""
        ---
        title: {title}
        date: '2025-12-01'
        draft: {draft}
        source: https://www.youtube.com/watch?v=TestTest001
        speaker: 测试频道
        status: {status}
        summary: {summary}
        tags:
        {tags}
        ---

        {body ?? Body()}
        """.ReplaceLineEndings("\n");

    public static string Body(params string[] extra) =>
        string.Join("\n\n", new[] { "大家好，今天聊一聊电动车。", FactOne, "我个人觉得这个话题很有意思。" }.Concat(extra)) + "\n";

    public const string Broken = "---\ntitle: [坏掉的\ndraft: true\n---\n\n正文。\n";
}
