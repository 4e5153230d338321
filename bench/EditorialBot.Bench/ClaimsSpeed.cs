using System.Diagnostics;
using System.Globalization;
using System.Text;
using EditorialBot.Workflow.Claims;

namespace EditorialBot.Bench;

/// <summary><c>claims-speed [--kb 30]</c>: single-threaded extraction speed on a generated note of about N KB (UTF-8).</summary>
internal static class ClaimsSpeed
{
    public static int Run(string[] args)
    {
        var index = Array.IndexOf(args, "--kb");
        var kb = index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : 30;
        var note = MakeNote(kb * 1024);
        var bytes = Encoding.UTF8.GetByteCount(note);
        var extractor = new RuleClaimExtractor(GlossaryFile.Parse(File.ReadAllText(Path.Combine(ClaimData.RepoRoot(), "glossary.yaml")), "glossary.yaml"));

        // Warm-up long enough for tiered JIT to reach optimised code (on a busy machine that takes seconds).
        var claims = 0;
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < 100 || warmup.Elapsed < TimeSpan.FromSeconds(5); i++)
        {
            claims = extractor.Extract(note).Claims.Count;
        }
        const int runs = 100;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            extractor.Extract(note);
        }
        watch.Stop();
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / runs;
        var perNoteMs = watch.Elapsed.TotalMilliseconds / runs;
        // Wall clock and this process's CPU time: on a busy shared machine the CPU figure is the fairer one.
        Console.WriteLine(FormattableString.Invariant(
            $"claims-speed: note {bytes / 1024.0:0.0} KB, {claims} claims, {runs} runs, single thread"));
        Console.WriteLine(FormattableString.Invariant(
            $"  wall: {perNoteMs:0.00} ms per note, {bytes / 1e6 / (perNoteMs / 1000):0.00} MB/s"));
        Console.WriteLine(FormattableString.Invariant(
            $"  cpu:  {cpuMs:0.00} ms per note, {bytes / 1e6 / (cpuMs / 1000):0.00} MB/s (load average {LoadAverage()})"));
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>A note in the house style: front matter, headings, prose with numbers, lists, and an unpunctuated stretch.</summary>
    private static string MakeNote(int targetBytes)
    {
        string[] paragraphs =
        [
            "**路透社**在2023年9月份就指出，中国正在筹划第三期**芯片大基金**，一共是400亿美元。这个事儿呢，最后被验证是真的。",
            "那么在推理场景之下，**910C**可能能够达到**H100**的60%左右的水平。我觉得这个说法还是比较靠谱的。",
            "- 中国现在有39万片的产能，一年。\n- 台湾有155万片的产能。\n- 美国本土再扩产62万片。",
            "所以说呢我们来看这个事情 其实很多人不知道 就是说美国在2023年之后把精度卡在了16纳米 然后中国就买不到这种光刻机了 另外呢日本和荷兰也跟进了这个出口管制",
            "> According to the IMF, global growth slowed to 3.2 percent in 2024, and the outlook remains uncertain.",
            "### 产能对比\n\n按照OECD 2025年的数据，全世界先进芯片制程的产能是什么样的呢？我们一个一个来看。升腾910C和昇腾910C其实是一款芯片。",
        ];
        var builder = new StringBuilder("---\ntitle: 性能测试\ndraft: true\n---\n\n");
        var i = 0;
        while (Encoding.UTF8.GetByteCount(builder.ToString()) < targetBytes)
        {
            builder.Append(paragraphs[i % paragraphs.Length]).Append("\n\n");
            i++;
        }
        return builder.ToString();
    }
}
