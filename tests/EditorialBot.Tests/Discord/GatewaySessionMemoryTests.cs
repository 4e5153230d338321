using System.Text.Json;
using EditorialBot.Bot.Discord.Gateway;
using EditorialBot.Tests.Support;

namespace EditorialBot.Tests.Discord;

/// <summary>A restarted process resumes instead of identifying, and a crash loop cannot spend Discord's identify cap.</summary>
public sealed class GatewaySessionMemoryTests
{
    [Fact]
    public async Task A_new_session_is_remembered_with_its_identify_and_a_normal_stop_forgets_only_the_session()
    {
        using var folder = new TempFolder();
        var file = folder.File("data/gateway-session.json");
        await using var h = await DiscordHarness.StartAsync(o => o.SessionFile = file);
        await h.ConnectAsync();

        var live = Read(file);
        Assert.Equal(h.Gateway.SessionId, live.SessionId);
        Assert.NotNull(live.ResumeUrl);
        Assert.Single(live.Identifies);

        await h.Gateway.StopAsync();
        var stopped = Read(file);
        Assert.Null(stopped.SessionId);
        Assert.Single(stopped.Identifies);
    }

    [Fact]
    public async Task A_restart_resumes_the_remembered_session_instead_of_identifying()
    {
        using var folder = new TempFolder();
        var file = folder.File("data/gateway-session.json");
        await using var h = await DiscordHarness.StartAsync(o => o.SessionFile = file);
        Write(file, new GatewayMemory("session-before-crash", $"ws://{h.Fake.BaseAddress.Authority}/resume", 41, DateTimeOffset.UtcNow, [DateTimeOffset.UtcNow.AddMinutes(-3)]));

        h.Gateway.Start();
        var resume = await h.Fake.Gateway.ExpectResumeAsync();
        Assert.Equal("session-before-crash", resume["session_id"]!.GetValue<string>());
        Assert.Equal(41, resume["seq"]!.GetValue<int>());
        Assert.Equal(0, h.Fake.Gateway.Identifies);
    }

    [Fact]
    public async Task A_remembered_session_too_old_to_resume_leads_to_identify()
    {
        using var folder = new TempFolder();
        var file = folder.File("data/gateway-session.json");
        await using var h = await DiscordHarness.StartAsync(o => o.SessionFile = file);
        Write(file, new GatewayMemory("stale", "ws://127.0.0.1:1/gateway", 7, DateTimeOffset.UtcNow.AddMinutes(-30), []));
        await h.ConnectAsync();
        Assert.Equal(1, h.Fake.Gateway.Identifies);
        Assert.Equal(0, h.Fake.Gateway.Resumes);
    }

    [Fact]
    public async Task A_crash_loop_that_used_the_hourly_identify_budget_waits_instead_of_identifying()
    {
        using var folder = new TempFolder();
        var file = folder.File("data/gateway-session.json");
        await using var h = await DiscordHarness.StartAsync(o =>
        {
            o.SessionFile = file;
            o.MaxIdentifiesPerHour = 3;
        });
        var now = DateTimeOffset.UtcNow;
        Write(file, new GatewayMemory(null, null, null, now, [now.AddMinutes(-50), now.AddMinutes(-20), now.AddMinutes(-1)]));

        h.Gateway.Start();
        await h.Logs.WaitForAsync("identified 3 times in the last hour");
        Assert.Equal(0, h.Fake.Gateway.Identifies);
        Assert.Empty(h.Fake.Gateway.Connections);
    }

    [Fact]
    public async Task An_unreadable_session_file_is_ignored_with_a_warning()
    {
        using var folder = new TempFolder();
        var file = folder.Write("data/gateway-session.json", "{ not json");
        await using var h = await DiscordHarness.StartAsync(o => o.SessionFile = file);
        await h.ConnectAsync();
        Assert.Equal(1, h.Fake.Gateway.Identifies);
        Assert.Contains(h.Logs.Lines, static l => l.Contains("unreadable", StringComparison.Ordinal));
    }

    private static GatewayMemory Read(string file) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(file), GatewayMemoryJson.Default.GatewayMemory)!;

    private static void Write(string file, GatewayMemory memory)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, JsonSerializer.SerializeToUtf8Bytes(memory, GatewayMemoryJson.Default.GatewayMemory));
    }
}
