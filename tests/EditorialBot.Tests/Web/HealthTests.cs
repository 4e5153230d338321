using EditorialBot.Bot.Cli;
using EditorialBot.Bot.Hosting;
using EditorialBot.Bot.Web;
using EditorialBot.Tests.Desk;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Sweep;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EditorialBot.Tests.Web;

/// <summary>/healthz and /readyz of the running bot, on real Kestrel, with the fake Discord's gateway and a real database.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Ready_only_while_the_gateway_session_is_live()
    {
        await using var web = await WebHarness.StartAsync();
        await DeskHarness.Eventually(async () => (await web.GetJsonAsync("/readyz")).Status == 200, "ready after READY and the catch-up sweep");
        var (_, ready) = await web.GetJsonAsync("/readyz");
        Assert.Equal("ready", ready["status"]!.GetValue<string>());
        Assert.Equal("live", ready["gateway"]!.GetValue<string>());

        // Discord drops the session; the bot reconnects and asks to resume, and is not ready until RESUMED.
        await web.Desk.Fake.Gateway.CloseAsync(4000, "unknown error");
        await web.Desk.Fake.Gateway.ExpectResumeAsync();
        var (status, notReady) = await web.GetJsonAsync("/readyz");
        Assert.Equal(503, status);
        Assert.Equal("not live", notReady["gateway"]!.GetValue<string>());
        Assert.Contains("gateway session is not live", notReady["reasons"]!.ToJsonString());
        // The process and the database are fine meanwhile.
        var (live, health) = await web.GetJsonAsync("/healthz");
        Assert.Equal(200, live);
        Assert.Equal("ok", health["database"]!.GetValue<string>());

        await web.Desk.Fake.Gateway.DispatchAsync("RESUMED", new System.Text.Json.Nodes.JsonObject());
        await DeskHarness.Eventually(async () => (await web.GetJsonAsync("/readyz")).Status == 200, "ready again after RESUMED");
    }

    [Fact]
    public async Task Not_ready_after_a_failed_sweep_until_one_succeeds()
    {
        await using var web = await WebHarness.StartAsync();
        await DeskHarness.Eventually(async () => (await web.GetJsonAsync("/readyz")).Status == 200, "ready");
        var sweeps = web.Desk.Services.GetRequiredService<SweepService>();
        var moved = web.Desk.ContentRoot + "-away";
        Directory.Move(web.Desk.ContentRoot, moved);

        await Assert.ThrowsAnyAsync<Exception>(() => sweeps.SweepAsync("test"));

        var (status, answer) = await web.GetJsonAsync("/readyz");
        Assert.Equal(503, status);
        Assert.Contains("the last sweep (test", answer["reasons"]!.ToJsonString());
        Assert.False(answer["lastSweep"]!["ok"]!.GetValue<bool>());
        Assert.Equal(200, (await web.GetJsonAsync("/healthz")).Status);

        Directory.Move(moved, web.Desk.ContentRoot);
        await sweeps.SweepAsync("test");
        Assert.Equal(200, (await web.GetJsonAsync("/readyz")).Status);
    }

    [Fact]
    public async Task Unhealthy_when_the_database_cannot_be_read()
    {
        await using var web = await WebHarness.StartAsync();
        Assert.Equal(200, (await web.GetJsonAsync("/healthz")).Status);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var database = web.Desk.DatabasePath;
        var saved = database + ".saved";
        File.Move(database, saved);
        // What is left where the database was is not a database.
        File.WriteAllText(database, "this is not a database, it only has the name of one\n");
        try
        {
            var (status, answer) = await web.GetJsonAsync("/healthz");
            Assert.Equal(503, status);
            Assert.Equal("failing", answer["status"]!.GetValue<string>());
            Assert.NotEqual("ok", answer["database"]!.GetValue<string>());
            Assert.Equal(503, (await web.GetJsonAsync("/readyz")).Status);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Move(saved, database, overwrite: true);
        }
    }

    [Fact]
    public void Without_Web_Urls_there_is_no_web_server()
    {
        using var folder = new TempFolder();
        using var host = BotHost.Build(Config(folder), services => services.AddEditorialWeb(Config(folder)));
        Assert.Null(host.Services.GetService<WebServer>());
        Assert.Null(host.Services.GetService<PushSweeps>());
    }

    [Fact]
    public void The_hook_needs_its_secret_and_says_which_key()
    {
        using var folder = new TempFolder();
        var configuration = Config(folder, ("Web:Urls", "http://127.0.0.1:0"));
        using var host = BotHost.Build(configuration, services => RunCommand.AddRunServices(services, configuration));
        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Git:WebhookSecret", failure.Message);

        // Health endpoints alone need no secret.
        var healthOnly = Config(folder, ("Web:Urls", "http://127.0.0.1:0"), ("Web:GitHook", "false"));
        using var probes = BotHost.Build(healthOnly, services => services.AddEditorialWeb(healthOnly));
        probes.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(probes.Services.GetService<WebServer>());
        Assert.Null(probes.Services.GetService<PushSweeps>());
    }

    [Fact]
    public void Https_urls_are_refused_with_the_remedy()
    {
        using var folder = new TempFolder();
        var configuration = Config(folder, ("Web:Urls", "https://0.0.0.0:8443"), ("Git:WebhookSecret", "x"));
        using var host = BotHost.Build(configuration, services => services.AddEditorialWeb(configuration));
        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Web:Urls", failure.Message);
        Assert.Contains("reverse proxy", failure.Message);
    }

    private static IConfiguration Config(TempFolder folder, params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Content:Root"] = folder.File("content"),
            ["Storage:Database"] = folder.File("data/editorial.db"),
            ["Claims:Glossary"] = "",
        }.Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))).Build();
}
