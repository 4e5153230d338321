using EditorialBot.Workflow.Claims;

namespace EditorialBot.Tests.Claims;

/// <summary>The Chinese rules one cue family at a time (issue 11, item 6): what is demoted and what is found without digits.</summary>
public sealed class ChineseCueTests
{
    private static bool IsClaim(string sentence)
    {
        var extraction = new RuleClaimExtractor().Extract($"---\ntitle: t\ndraft: true\n---\n\n{sentence}\n");
        return extraction.Claims.Count > 0;
    }

    [Theory]
    [InlineData("如果地方政府连工资都发不出来，那老百姓还敢消费吗？")] // conditional and rhetorical question
    [InlineData("要是英伟达继续被封锁下去，中国可能产得更快。")] // hypothetical about named actors
    [InlineData("假如华为拿到了光刻机，局面就完全不一样了。")]
    [InlineData("我觉得华为这次会比苹果更强。")] // the speaker's judgment
    [InlineData("我说句实话，这家公司的管理层确实很厉害。")]
    [InlineData("可能明年物价还会继续涨。")] // hedged prediction without a source
    [InlineData("说不定国民党会因此变得更亲大陆。")]
    [InlineData("你说这样的足协怎么可能把足球搞好")] // rhetorical question in raw ASR
    [InlineData("大家一定要保护好自己和家人。")] // call to the audience
    [InlineData("各位观众朋友们，你们怎么看，欢迎留言告诉我。")]
    [InlineData("这个速度真的是非常惊人。")]
    [InlineData("好今天我们来聊一聊石油")]
    [InlineData("但是话说回来，造船这种东西，不是你砸钱就能砸出来的。")]
    public void Demotes_opinions_hypotheticals_and_rhetoric(string sentence) =>
        Assert.False(IsClaim(sentence), sentence);

    [Theory]
    [InlineData("这些员工入职之后呢，发现他们拿到的都是假的身份证。")] // a secret revealed
    [InlineData("丁薛祥亲自监督这个项目，华为作为最主要的承包商。")] // named person + event verb
    [InlineData("蓝海集团已经起诉了它的前合作伙伴。")] // organisation by suffix + event verb
    [InlineData("林右昌随后宣布辞职。")] // a person the gazetteer does not know, in subject position
    [InlineData("鲍尔森在记者会上说，就业市场的下行风险已经上升。")] // reported speech by a named speaker
    [InlineData("据德国商报报道，这家工厂的投产时间被推迟了。")] // 据 X 报道
    [InlineData("华尔街日报披露了一份五角大楼的内部评估。")]
    [InlineData("更有意思的是，彭博社披露了一份内部文件。")] // an aside does not hide the attribution
    [InlineData("这是全运会历史上第一次由三个地区共同承办。")] // first / only / largest
    [InlineData("MP Materials是美国唯一一家在产的稀土矿企。")]
    [InlineData("商务部还把五家子公司列入了反制清单。")]
    [InlineData("欧盟已经禁止了这类产品的进口。")]
    public void Finds_factual_claims_without_digits(string sentence) =>
        Assert.True(IsClaim(sentence), sentence);

    [Fact]
    public void A_conditional_with_a_figure_about_a_named_entity_is_still_checkable() =>
        Assert.True(IsClaim("如果按照OECD的数据，中国在2025年有39万片的产能。"));

    [Fact]
    public void Call_in_fillers_stand_alone_instead_of_joining_a_claim()
    {
        var extractor = new RuleClaimExtractor();
        var sentences = extractor.Sentences("---\ntitle: t\n---\n\n好 下一位 喂 你好 嗯 其实上证指数今年已经站上了三千八百点 那肯定的 另外美联储宣布降息了\n")
            .ConvertAll(static s => s.Text);
        Assert.Contains("嗯", sentences);
        Assert.Contains("那肯定的", sentences);
        Assert.Contains("其实上证指数今年已经站上了三千八百点", sentences);
        var claims = extractor.Extract("---\ntitle: t\n---\n\n好 下一位 喂 你好 嗯 其实上证指数今年已经站上了三千八百点 那肯定的 另外美联储宣布降息了\n").Claims;
        Assert.DoesNotContain(claims, static c => c.Text.Contains('嗯') || c.Text.Contains("那肯定的", StringComparison.Ordinal));
        Assert.Contains(claims, static c => c.Text.Contains("美联储", StringComparison.Ordinal));
    }

    [Fact]
    public void A_caption_run_without_punctuation_or_pauses_is_cut_at_turn_markers()
    {
        const string run = "好我们来接下一个电话喂你好喂主持人你好我是开小米汽车的前段时间不是那个小米汽车在高速上出了事故嘛我觉得早就应该这么做了";
        var sentences = new RuleClaimExtractor().Sentences($"---\ntitle: t\n---\n\n{run}\n").ConvertAll(static s => s.Text);
        Assert.True(sentences.Count >= 5, string.Join(" | ", sentences));
        Assert.Contains("我觉得早就应该这么做了", sentences);
        Assert.All(sentences, static s => Assert.True(s.Length <= SentenceSplitter.SoftMax, s));
    }
}
