using System.Text.Json.Nodes;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Gateway;
using EditorialBot.Bot.Discord.Models;

namespace EditorialBot.Tests.Discord;

public sealed class InteractionContextTests
{
    [Fact]
    public async Task Button_press_updates_the_card_in_place()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        var card = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("card v1",
            Components: [Component.ActionRow(Component.Button(ButtonStyle.Success, "Approve", "approve:1:1"))]));
        var sent = await h.Fake.DispatchButtonAsync(h.Fake.State.AddMember("ana"), card.Id.Value, "approve:1:1");

        var context = await ContextAsync(h);
        Assert.Equal(InteractionType.MessageComponent, context.Interaction.Type);
        Assert.Equal("approve:1:1", context.Interaction.Data!.CustomId);
        Assert.Equal(card.Id, context.Interaction.Message!.Id);
        await context.UpdateMessageAsync(new MessageEdit("card v2", Components: []));

        var callback = await h.Fake.WaitForCallbackAsync(sent);
        Assert.Equal(7, callback["type"]!.GetValue<int>());
        Assert.Equal("""{"parse":[]}""", callback["data"]!["allowed_mentions"]!.ToJsonString());
    }

    [Fact]
    public async Task Deferred_button_edits_the_source_message_later()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        var card = await h.Rest.CreateMessageAsync(h.Channel, new MessageCreate("card v1"));
        var sent = await h.Fake.DispatchButtonAsync(h.Fake.State.AddMember("ana"), card.Id.Value, "approve:1:1");
        var context = await ContextAsync(h);

        await context.DeferAsync();
        await context.UpdateMessageAsync(new MessageEdit("approved by ana"));
        await context.RespondAsync(new MessageCreate("Recorded."), ephemeral: true);

        Assert.Equal(6, sent.InitialResponseType);
        Assert.Equal("approved by ana", h.Fake.State.Messages[card.Id.Value].Content);
        var followUp = Assert.Single(sent.FollowUps);
        Assert.Equal(64, followUp["flags"]!.GetValue<int>());
    }

    [Fact]
    public async Task Autocomplete_and_modal_answer_with_their_own_types()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        var member = h.Fake.State.AddMember("ana");

        var auto = await h.Fake.DispatchAutocompleteAsync(member, "review",
            [new JsonObject { ["type"] = 3, ["name"] = "draft", ["value"] = "ep", ["focused"] = true }]);
        var autoContext = await ContextAsync(h);
        var option = Assert.Single(autoContext.Interaction.Data!.Options!);
        Assert.True(option.Focused);
        Assert.Equal("ep", option.Value!.Value.GetString());
        await autoContext.AutocompleteAsync([new ApplicationCommandOptionChoice("Episode 12", "ep-12")]);
        Assert.Equal(8, auto.InitialResponseType);

        var command = await h.Fake.DispatchCommandAsync(member, "reject");
        var modalContext = await ContextAsync(h);
        await modalContext.ShowModalAsync(new Modal("reject:12", "Request changes",
            [Component.LabelFor("What should change?", Component.TextInput("reason", paragraph: true, maxLength: 1000))]));
        Assert.Equal(9, command.InitialResponseType);
        await Assert.ThrowsAsync<InvalidOperationException>(() => modalContext.ShowModalAsync(new Modal("x", "again", [Component.LabelFor("a", Component.TextInput("b", false))])));

        var submit = await h.Fake.DispatchModalSubmitAsync(member, "reject:12", new Dictionary<string, string> { ["reason"] = "Source for claim 3" });
        var submitContext = await ContextAsync(h);
        Assert.Equal(InteractionType.ModalSubmit, submitContext.Interaction.Type);
        Assert.Equal("Source for claim 3", submitContext.Interaction.Data!.Components![0].Child!.Value);
        await submitContext.RespondAsync(new MessageCreate("Thanks."), ephemeral: true);
        Assert.Equal(4, submit.InitialResponseType);
        Assert.Equal(64, submit.Callbacks[0]["data"]!["flags"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_second_initial_response_is_refused_by_discord()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        await h.Fake.DispatchCommandAsync(h.Fake.State.AddMember("ana"), "review");
        var ev = await h.NextEventAsync<InteractionCreatedEvent>();
        var response = new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource);
        await h.Rest.CreateInteractionResponseAsync(ev.Interaction.Id, ev.Interaction.Token, response, ev.ReceivedAt);
        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.CreateInteractionResponseAsync(ev.Interaction.Id, ev.Interaction.Token, response, ev.ReceivedAt));
        Assert.Equal(DiscordApiException.InteractionAlreadyAcknowledged, ex.Code);
    }

    [Fact]
    public async Task Raw_message_callbacks_also_mention_nobody_by_default()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        var sent = await h.Fake.DispatchCommandAsync(h.Fake.State.AddMember("ana"), "review");
        var ev = await h.NextEventAsync<InteractionCreatedEvent>();
        await h.Rest.CreateInteractionResponseAsync(ev.Interaction.Id, ev.Interaction.Token,
            new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, new InteractionCallbackData("@everyone hi")), ev.ReceivedAt);
        Assert.Equal("""{"parse":[]}""", sent.Callbacks[0]["data"]!["allowed_mentions"]!.ToJsonString());
    }

    [Fact]
    public async Task A_late_callback_reports_10062_with_the_elapsed_time()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.InteractionDeadline = TimeSpan.Zero;
        await h.ConnectAsync();
        await h.Fake.DispatchCommandAsync(h.Fake.State.AddMember("ana"), "review");
        var context = await ContextAsync(h);
        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => context.DeferAsync());
        Assert.Equal(DiscordApiException.UnknownInteraction, ex.Code);
        var line = await h.Logs.WaitForAsync("(10062)");
        Assert.Contains("ms after local receipt", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quick_handler_answers_without_a_defer()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        var sent = await h.Fake.DispatchCommandAsync(h.Fake.State.AddMember("ana"), "status");
        var context = await ContextAsync(h);
        await context.RunAsync((c, ct) => c.RespondAsync(new MessageCreate("All quiet."), ct: ct), TimeSpan.FromSeconds(2));
        Assert.Equal(4, sent.InitialResponseType);
        Assert.Single(sent.Callbacks);
        Assert.Empty(sent.OriginalEdits);
    }

    [Fact]
    public async Task The_automatic_deferral_of_a_private_reply_is_private()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        var sent = await h.Fake.DispatchCommandAsync(h.Fake.State.AddMember("ana"), "queue");
        var context = await ContextAsync(h);
        var release = new TaskCompletionSource();
        var run = context.RunAsync(async (c, ct) =>
        {
            await release.Task;
            await c.RespondAsync(new MessageCreate("Your queue: nothing waiting."), ephemeral: true, ct);
        }, TimeSpan.FromMilliseconds(100));

        // The handler was slow: the deferral came first, and it was already private (Discord cannot hide it later).
        var callback = await h.Fake.WaitForCallbackAsync(sent);
        Assert.Equal(5, callback["type"]!.GetValue<int>());
        Assert.Equal(64, callback["data"]!["flags"]!.GetValue<int>());
        release.SetResult();
        await run;
        Assert.Equal("Your queue: nothing waiting.", Assert.Single(sent.OriginalEdits)["content"]!.GetValue<string>());
        Assert.Empty(sent.FollowUps);
    }

    [Fact]
    public async Task A_private_reply_after_a_public_deferral_never_shows_publicly()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        var sent = await h.Fake.DispatchCommandAsync(h.Fake.State.AddMember("ana"), "episode");
        var ev = await h.NextEventAsync<InteractionCreatedEvent>();
        var context = new InteractionContext(h.Rest, ev.Interaction, ev.ReceivedAt, TimeProvider.System, privateReplies: false);
        await context.DeferAsync();
        Assert.Null(sent.Callbacks[0]["data"]);

        await context.RespondAsync(new MessageCreate("Only for you."), ephemeral: true);

        // The public "thinking…" placeholder is gone; the answer went out as an ephemeral follow-up.
        Assert.Empty(sent.OriginalEdits);
        Assert.Equal(64, Assert.Single(sent.FollowUps)["flags"]!.GetValue<int>());
        Assert.True(h.Fake.State.Messages[sent.OriginalMessageId!.Value].Deleted);
    }

    [Fact]
    public async Task A_late_reply_is_dropped_or_posted_to_the_review_channel_and_the_bot_token_stays_good()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        var ana = h.Fake.State.AddMember("ana");

        var dropped = await h.Fake.DispatchCommandAsync(ana, "queue");
        var first = await ContextAsync(h);
        await first.DeferAsync();
        dropped.ExpireToken();
        await first.RespondAsync(new MessageCreate("too late"), ephemeral: true);
        Assert.True(first.Expired);
        Assert.Empty(dropped.OriginalEdits);

        var mattered = await h.Fake.DispatchCommandAsync(ana, "sweep");
        var ev = await h.NextEventAsync<InteractionCreatedEvent>();
        var second = new InteractionContext(h.Rest, ev.Interaction, ev.ReceivedAt, TimeProvider.System, lateReplyChannel: h.Channel);
        await second.DeferAsync();
        mattered.ExpireToken();
        await second.RespondAsync(new MessageCreate("Sweep done: 3 new drafts."), ephemeral: true, postIfLate: true);

        var posted = h.Fake.State.MessagesIn(h.Channel).Last(m => m.Content.Contains("Sweep done", StringComparison.Ordinal));
        Assert.Contains($"<@{ana.User.Id}>", posted.Content, StringComparison.Ordinal);
        Assert.Contains("/sweep", posted.Content, StringComparison.Ordinal);
        Assert.Null(posted.Current["flags"]);
        // Both 401s were about the interaction token: ordinary requests still go out.
        await h.Rest.GetChannelAsync(h.Channel);
    }

    private static async Task<InteractionContext> ContextAsync(DiscordHarness h)
    {
        var ev = await h.NextEventAsync<InteractionCreatedEvent>();
        return new InteractionContext(h.Rest, ev.Interaction, ev.ReceivedAt, TimeProvider.System);
    }
}
