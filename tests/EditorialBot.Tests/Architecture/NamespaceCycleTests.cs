using EditorialBot.Bot.Hosting;
using EditorialBot.Storage;
using EditorialBot.Workflow.Review;

namespace EditorialBot.Tests.Architecture;

public sealed class NamespaceCycleTests
{
    private static readonly AreaGraph s_product = AreaGraph.Of(
        typeof(EditorialDbContext).Assembly, typeof(ReviewPolicy).Assembly, typeof(BotHost).Assembly);

    [Fact]
    public void No_area_of_the_product_depends_on_itself_through_another()
    {
        var cycles = s_product.Cycles();
        Assert.True(cycles.Count == 0, "Namespace cycles (move the type or the helper to the area both can use):\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void References_flow_bot_to_workflow_to_storage()
    {
        Assert.Contains("EditorialBot.Workflow.Review", s_product.Areas);
        Assert.True(s_product.DependsOn("EditorialBot.Workflow.Review", "EditorialBot.Storage"));
        var upward = s_product.Areas
            .SelectMany(from => s_product.Areas.Where(to => s_product.DependsOn(from, to) && Layer(to) > Layer(from)).Select(to => $"{from} → {to}"))
            .ToList();
        Assert.Empty(upward);
    }

    [Fact]
    public void The_check_sees_a_cycle_made_only_of_calls_inside_method_bodies()
    {
        var sample = AreaGraph.OfTypes([typeof(CycleSampleLeft.Left), typeof(CycleSampleRight.Right)]);
        var cycle = Assert.Single(sample.Cycles());
        Assert.Contains("EditorialBot.CycleSampleLeft ⇄ EditorialBot.CycleSampleRight", cycle);
    }

    private static int Layer(string area) => area.Split('.')[1] switch
    {
        "Storage" => 0,
        "Workflow" => 1,
        _ => 2,
    };
}
