using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EditorialBot.Bot.Web;
using EditorialBot.Tests.Desk;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EditorialBot.Tests.Web;

/// <summary>
/// The whole bot as <c>run</c> composes it with Web:Urls on a loopback ephemeral port, over a real git clone of a bare
/// "forge" remote, talking to the fake Discord; a real <see cref="HttpClient"/> plays the forge's webhook.
/// </summary>
internal sealed class WebHarness : IAsyncDisposable
{
    public const string Secret = "s3cret-for-tests-only";

    private WebHarness(DeskHarness desk, GitRepos repos)
    {
        Desk = desk;
        Repos = repos;
    }

    public DeskHarness Desk { get; }
    public GitRepos Repos { get; }
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };
    public Uri BaseAddress => Desk.Services.GetRequiredService<WebServer>().Addresses[0];
    public PushSweeps PushSweeps => Desk.Services.GetRequiredService<PushSweeps>();

    public static async Task<WebHarness> StartAsync(params (string Key, string Value)[] settings)
    {
        var desk = await DeskHarness.CreateAsync([
            ("Web:Urls", "http://127.0.0.1:0"), ("Git:WebhookSecret", Secret), ("Git:Sync", "true"), ("Git:TimeoutSeconds", "120"),
            .. settings]);
        var repos = new GitRepos();
        repos.CloneBot(desk.ContentRoot);
        var harness = new WebHarness(desk, repos);
        await desk.StartAsync();
        // The start-up catch-up sweep (there was none before) comes first; the tests count the sweeps after it.
        await DeskHarness.Eventually(async () => await harness.SweepRunsAsync() >= 1, "the catch-up sweep");
        return harness;
    }

    public Task<int> SweepRunsAsync(string? trigger = null) =>
        Desk.QueryAsync(db => db.SweepRuns.CountAsync(r => trigger == null || r.Trigger == trigger));

    /// <summary>A push event as GitHub sends it (Gitea's carries the same fields).</summary>
    public static string PushBody(string reference = "refs/heads/main", string after = "0123456789abcdef0123456789abcdef01234567") =>
        new JsonObject
        {
            ["ref"] = reference,
            ["before"] = "0000000000000000000000000000000000000000",
            ["after"] = after,
            ["deleted"] = false,
            ["repository"] = new JsonObject { ["full_name"] = "show/site", ["clone_url"] = "https://forge.example/show/site.git" },
            ["pusher"] = new JsonObject { ["name"] = "pipeline" },
            ["commits"] = new JsonArray(),
        }.ToJsonString();

    /// <summary>POSTs <paramref name="body"/> to /hooks/git as a forge would: signed with <paramref name="secret"/> unless null.</summary>
    public Task<HttpResponseMessage> PostHookAsync(string body, string eventName = "push", string? delivery = null, string? secret = Secret,
        string signatureHeader = "X-Hub-Signature-256", string eventHeader = "X-GitHub-Event", string deliveryHeader = "X-GitHub-Delivery") =>
        PostHookAsync(Encoding.UTF8.GetBytes(body), eventName, delivery, secret, signatureHeader, eventHeader, deliveryHeader);

    public async Task<HttpResponseMessage> PostHookAsync(byte[] body, string eventName = "push", string? delivery = null, string? secret = Secret,
        string signatureHeader = "X-Hub-Signature-256", string eventHeader = "X-GitHub-Event", string deliveryHeader = "X-GitHub-Delivery", bool chunked = false)
    {
        using HttpRequestMessage request = new(HttpMethod.Post, new Uri(BaseAddress, GitHookEndpoint.Path));
        // A stream of unknown length goes chunked: no Content-Length for the server to check first.
        request.Content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        request.Headers.TransferEncodingChunked = chunked;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(eventHeader, eventName);
        request.Headers.Add(deliveryHeader, delivery ?? Guid.NewGuid().ToString());
        if (secret is not null)
        {
            var signature = HookSignature.Sign(secret, body);
            request.Headers.TryAddWithoutValidation(signatureHeader, signatureHeader == "X-Hub-Signature-256" ? signature : signature["sha256=".Length..]);
        }
        return await Http.SendAsync(request);
    }

    public async Task<(int Status, JsonObject Json)> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(BaseAddress, path));
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Desk.DisposeAsync();
        Repos.Dispose();
    }
}
