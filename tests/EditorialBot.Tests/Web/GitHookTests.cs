using System.Net;
using EditorialBot.Tests.Desk;
using EditorialBot.Tests.Support;

namespace EditorialBot.Tests.Web;

/// <summary>
/// POST /hooks/git through real Kestrel on loopback, with real repositories: a bare forge remote, the bot's clone and an
/// upstream clone that pushes. Only a correctly signed push to the watched branch sweeps.
/// </summary>
public sealed class GitHookTests
{
    private const string Title = "推送后的新草稿";

    [Fact]
    public async Task A_signed_push_pulls_the_new_draft_and_its_card_reaches_discord()
    {
        await using var web = await WebHarness.StartAsync();
        web.Repos.PushUpstream("posts/ep1.md", Notes.Draft(title: Title), "The pipeline adds a draft");
        Assert.Empty(web.Desk.Cards());

        using var response = await web.PostHookAsync(WebHarness.PushBody(after: web.Repos.RemoteHead()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("sweep requested", await response.Content.ReadAsStringAsync());
        await DeskHarness.Eventually(() => web.Desk.Cards().Any(c => (c.Embeds[0]!["title"]?.GetValue<string>() ?? "").Contains(Title, StringComparison.Ordinal)), "the pushed draft's card in the review channel");
        Assert.True(File.Exists(Path.Combine(web.Desk.ContentRoot, "posts/ep1.md")));
        // The outbox may deliver the card before the sweep has recorded its run.
        await DeskHarness.Eventually(async () => await web.SweepRunsAsync("push") >= 1, "the push sweep's run recorded");
        Assert.Equal(1, await web.SweepRunsAsync("push"));
    }

    [Fact]
    public async Task Gitea_headers_and_its_bare_hex_signature_are_accepted()
    {
        await using var web = await WebHarness.StartAsync();
        web.Repos.PushUpstream("posts/ep1.md", Notes.Draft(title: Title));

        using var response = await web.PostHookAsync(WebHarness.PushBody(), signatureHeader: "X-Gitea-Signature", eventHeader: "X-Gitea-Event", deliveryHeader: "X-Gitea-Delivery");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await DeskHarness.Eventually(async () => await web.SweepRunsAsync("push") == 1, "the sweep after the Gitea push");
        Assert.True(File.Exists(Path.Combine(web.Desk.ContentRoot, "posts/ep1.md")));
    }

    [Fact]
    public async Task Bad_and_irrelevant_requests_are_answered_and_start_nothing()
    {
        await using var web = await WebHarness.StartAsync();
        web.Repos.PushUpstream("posts/ep1.md", Notes.Draft(title: Title));
        var body = WebHarness.PushBody();

        using var unsigned = await web.PostHookAsync(body, secret: null);
        using var wrongSecret = await web.PostHookAsync(body, secret: "not-the-secret");
        using var tampered = await web.PostHookAsync(System.Text.Encoding.UTF8.GetBytes(body + " "), secret: null, delivery: null);
        using var garbage = await web.PostHookAsync("{}", secret: null);
        var oversized = new byte[1024 * 1024 + 1];
        using var tooLarge = await web.PostHookAsync(oversized);
        using var tooLargeChunked = await web.PostHookAsync(oversized, chunked: true);
        using var ping = await web.PostHookAsync("""{"zen":"Keep it logically awesome.","hook_id":1}""", eventName: "ping");
        using var issue = await web.PostHookAsync("""{"action":"opened"}""", eventName: "issues");
        using var otherBranch = await web.PostHookAsync(WebHarness.PushBody("refs/heads/preview"));
        using var tag = await web.PostHookAsync(WebHarness.PushBody("refs/tags/v1.0"));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeChunked.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, ping.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, issue.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, otherBranch.StatusCode);
        Assert.Contains("refs/heads/main", await otherBranch.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, tag.StatusCode);
        // No request asked for a sweep (asked synchronously, before the answer), none ran, nothing was pulled.
        Assert.Equal(0, web.PushSweeps.Requested);
        Assert.Equal(0, await web.SweepRunsAsync("push"));
        Assert.False(File.Exists(Path.Combine(web.Desk.ContentRoot, "posts/ep1.md")));

        // The same hook, signed, for the watched branch: that one sweeps (so the refusals above were not a dead endpoint).
        using var good = await web.PostHookAsync(body);
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        await DeskHarness.Eventually(() => File.Exists(Path.Combine(web.Desk.ContentRoot, "posts/ep1.md")), "the pull after the signed push");
    }

    [Fact]
    public async Task A_replayed_delivery_does_nothing()
    {
        await using var web = await WebHarness.StartAsync();
        var delivery = Guid.NewGuid().ToString();
        var body = WebHarness.PushBody();
        using var first = await web.PostHookAsync(body, delivery: delivery);
        await DeskHarness.Eventually(async () => await web.SweepRunsAsync("push") == 1, "the first delivery's sweep");

        using var replay = await web.PostHookAsync(body, delivery: delivery);
        using var replayViaGitea = await web.PostHookAsync(body, delivery: delivery, signatureHeader: "X-Gitea-Signature", eventHeader: "X-Gitea-Event", deliveryHeader: "X-Gitea-Delivery");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("handled already", await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, replayViaGitea.StatusCode);
        Assert.Equal(1, web.PushSweeps.Requested);
    }

    [Fact]
    public async Task A_burst_of_pushes_is_swept_together()
    {
        await using var web = await WebHarness.StartAsync();
        for (var i = 1; i <= 4; i++)
        {
            web.Repos.PushUpstream($"posts/ep{i}.md", Notes.Draft(title: $"第{i}集"));
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => web.PostHookAsync(WebHarness.PushBody())));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Equal(8, web.PushSweeps.Requested);
        await DeskHarness.Eventually(() => web.Desk.Cards().Count == 4, "the four pushed drafts' cards");
        // Every push either started a sweep or joined one already waiting: none lost, none swept twice.
        await DeskHarness.Eventually(async () => await web.SweepRunsAsync("push") + web.PushSweeps.Coalesced == 8, "each push accounted for");
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }
}
