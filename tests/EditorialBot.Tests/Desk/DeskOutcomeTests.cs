using EditorialBot.Bot.Desk;
using EditorialBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EditorialBot.Tests.Desk;

public sealed class DeskOutcomeTests
{
    [Fact]
    public async Task A_gateway_closed_for_good_stops_the_host_and_the_outcome_says_why()
    {
        await using var desk = await DeskHarness.CreateAsync();
        desk.WriteNote("ev.md", Notes.Draft());
        await desk.StartAsync();
        await DeskHarness.Eventually(() => desk.Cards().Count == 1, "the desk is connected and posting");
        var stopping = desk.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var outcome = desk.Services.GetRequiredService<DeskOutcome>();
        Assert.Null(outcome.Failure);

        await desk.Fake.Gateway.CloseAsync(4004, "Authentication failed.");

        await DeskHarness.Eventually(() => stopping.IsCancellationRequested, "the host stopping");
        Assert.Contains("4004", outcome.Failure);
    }
}
