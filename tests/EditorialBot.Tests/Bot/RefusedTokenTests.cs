using EditorialBot.Bot.Cli;
using EditorialBot.FakeDiscord;
using EditorialBot.Tests.Support;

namespace EditorialBot.Tests.Bot;

/// <summary><c>run</c> as a process against the fake Discord when Discord refuses the bot: exit 2, one clear line, no stack trace.</summary>
public sealed class RefusedTokenTests
{
    [Fact]
    public async Task A_token_the_rest_api_refuses_ends_run_with_exit_2_and_one_line()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("content"));

        var (code, stdout, stderr) = await BotProcess.RunAsync(BotProcess.RunArguments(fake, "not-the-token", folder.File("content"), folder.File("data/e.db")), TimeSpan.FromMinutes(2));

        Assert.True(code == ExitCodes.Usage, $"exit {code}\n{stderr}");
        AssertOneClearLine(stdout, stderr);
    }

    [Fact]
    public async Task A_gateway_closed_with_4004_ends_run_with_exit_2_and_one_line()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("content"));

        var run = BotProcess.RunAsync(BotProcess.RunArguments(fake, fake.Token, folder.File("content"), folder.File("data/e.db")), TimeSpan.FromMinutes(2));
        await fake.Gateway.ExpectIdentifyAsync(TimeSpan.FromMinutes(1));
        await fake.Gateway.CloseAsync(4004, "Authentication failed.");
        var (code, stdout, stderr) = await run;

        Assert.True(code == ExitCodes.Usage, $"exit {code}\n{stderr}");
        AssertOneClearLine(stdout, stderr);
    }

    private static void AssertOneClearLine(string stdout, string stderr)
    {
        var output = stdout + stderr;
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", output);
        var errors = stderr.Split('\n').Where(static l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(errors);
        Assert.Contains("Discord:Token", line);
    }
}
