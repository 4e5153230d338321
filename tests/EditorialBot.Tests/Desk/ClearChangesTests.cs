using System.Text.Json.Nodes;
using EditorialBot.Bot.Desk;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Desk;

/// <summary>A request for changes is cleared in Discord: by an admin with the card's button, by its author with <c>/clear-changes</c>.</summary>
public sealed class ClearChangesTests
{
    [Fact]
    public async Task An_admin_clears_a_request_with_the_card_button_and_an_author_clears_their_own_with_the_slash_command()
    {
        await using var desk = await DeskHarness.CreateAsync(("Review:RequireClaimsResolved", "false"), ("Review:AutoPublish", "false"));
        desk.WriteNote("ev.md", Notes.Draft());
        await desk.StartAsync();
        await DeskHarness.Eventually(() => desk.Cards().Count == 1, "the review card");
        var card = desk.Cards()[0];
        var id = await desk.QueryAsync(db => db.Episodes.Select(e => e.Id).SingleAsync());
        JsonArray Options(string reason) =>
        [
            new JsonObject { ["name"] = "episode", ["type"] = 3, ["value"] = id.ToString("N") },
            new JsonObject { ["name"] = "reason", ["type"] = 3, ["value"] = reason },
        ];

        await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchCommandAsync(desk.Ana, "request-changes", Options("标题里的数字不对")));
        await DeskHarness.Eventually(async () => await State(desk) == EpisodeState.ChangesRequested, "changes requested");
        var clear = DeskIds.For(DeskIds.ClearChanges, id);
        await DeskHarness.Eventually(() => Buttons(desk, card.Id).Contains(clear), "the card offers to clear the request");

        // Neither its author nor an admin: refused, nothing changes.
        var denied = await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchButtonAsync(desk.Ben, card.Id, clear));
        Assert.Contains("only the author of the request or an admin", denied["data"]!["content"]!.GetValue<string>());
        Assert.Equal(EpisodeState.ChangesRequested, await State(desk));

        var cleared = await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchButtonAsync(desk.Boss, card.Id, clear));
        Assert.Contains("cleared 1 request", cleared["data"]!["content"]!.GetValue<string>());
        Assert.NotEqual(EpisodeState.ChangesRequested, await State(desk));
        await DeskHarness.Eventually(() => !Buttons(desk, card.Id).Contains(clear), "the card drops the button");

        await desk.Fake.WaitForCallbackAsync(await desk.Fake.DispatchCommandAsync(desk.Ana, "request-changes", Options("还缺来源")));
        await DeskHarness.Eventually(async () => await State(desk) == EpisodeState.ChangesRequested, "changes requested again");
        var (_, own) = await desk.CommandAsync(desk.Ana, "clear-changes", [new JsonObject { ["name"] = "episode", ["type"] = 3, ["value"] = id.ToString("N") }]);
        Assert.Contains("cleared 1 request", own);
        Assert.NotEqual(EpisodeState.ChangesRequested, await State(desk));
        var audit = await desk.QueryAsync(db => db.AuditLog.Where(a => a.Action == "clear-request").Select(a => a.Actor).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.Equal(2, await desk.QueryAsync(db => db.Votes.CountAsync(v => v.Status == VoteStatus.Cleared)));
    }

    private static Task<EpisodeState> State(DeskHarness desk) => desk.QueryAsync(db => db.Episodes.Select(e => e.State).SingleAsync());

    private static List<string> Buttons(DeskHarness desk, ulong messageId) =>
        desk.Fake.State.Messages[messageId].Components
            .SelectMany(row => row!["components"]?.AsArray() ?? [])
            .Select(button => button!["custom_id"]?.GetValue<string>() ?? "")
            .ToList();
}
