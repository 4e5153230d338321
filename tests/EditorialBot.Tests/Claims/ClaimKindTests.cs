using EditorialBot.Workflow.Claims;

namespace EditorialBot.Tests.Claims;

public sealed class ClaimKindTests
{
    [Theory]
    [InlineData("蓝箭航天已经在2025年第四季度开始量产朱雀三号的发动机。", ClaimKinds.DateEvent)]
    [InlineData("东方电池公司计划在2028年量产新一代电池。", ClaimKinds.Prediction)]
    [InlineData("日本政府承诺了超过1.7万亿日元的补贴来支持本国的火箭产业。", ClaimKinds.Quantity)]
    [InlineData("美国联邦航空管理局规定所有商业发射都必须事先取得许可证。", ClaimKinds.RuleLaw)]
    [InlineData("商务部在2025年发布了新的出口管制措施，涉及超过50种物项。", ClaimKinds.RuleLaw)]
    [InlineData("这家工厂的产能比去年高出30%。", ClaimKinds.Comparison)]
    public void Assigns_the_kind_a_checker_would_expect(string sentence, string kind)
    {
        var claims = new RuleClaimExtractor().Extract(sentence + "\n").Claims;

        var claim = Assert.Single(claims);
        Assert.Equal(kind, claim.Kind);
    }

    [Theory]
    [InlineData("Rocket Lab的电子号火箭单次发射报价大约是750万美元。", "entity:Rocket Lab")]
    [InlineData("国家互联网信息办公室要求生成式人工智能服务在上线前完成备案。", "entity:国家互联网信息办公室")]
    [InlineData("某某重工集团去年的营收是120亿元。", "entity:某某重工集团")]
    public void Recognises_organisations_the_gazetteer_does_not_list(string sentence, string reason)
    {
        var claim = Assert.Single(new RuleClaimExtractor().Extract(sentence + "\n").Claims);

        Assert.Contains(reason, claim.Reasons);
    }

    [Fact]
    public void Splits_a_short_unpunctuated_transcript_at_its_pauses()
    {
        var extraction = new RuleClaimExtractor().Extract("好我们开始吧 欧盟的法案从2024年8月1日起生效 这个力度你说大不大 我觉得挺大\n");

        var claim = Assert.Single(extraction.Claims);
        Assert.Equal("欧盟的法案从2024年8月1日起生效", claim.Text);
    }

    [Fact]
    public void Keeps_a_single_spaced_product_name_in_one_sentence()
    {
        var claim = Assert.Single(new RuleClaimExtractor().Extract("华为 Mate 60在2023年8月发布\n").Claims);

        Assert.Equal("华为 Mate 60在2023年8月发布", claim.Text);
    }
}
