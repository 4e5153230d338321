using System.Diagnostics;
using System.Globalization;
using EditorialBot.FakeDiscord;

namespace EditorialBot.Tests.Support;

/// <summary>The real <c>editorialbot</c> executable (built next to the tests), run as its own process.</summary>
internal static class BotProcess
{
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(IEnumerable<string> args, TimeSpan timeout)
    {
        // dotnet test sets DOTNET_HOST_PATH to the muxer that runs the tests.
        ProcessStartInfo start = new(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "editorialbot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"editorialbot {string.Join(' ', args)} did not exit within {timeout}:\n{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary><c>run</c> against <paramref name="fake"/> with one editor role, the given token, content folder and database.</summary>
    public static string[] RunArguments(FakeDiscordServer fake, string token, string content, string database) =>
    [
        "run",
        $"--Discord:Token={token}",
        $"--Discord:ApiBaseUrl={fake.ApiBaseUrl}",
        $"--Discord:GuildId={fake.State.GuildId.ToString(CultureInfo.InvariantCulture)}",
        $"--Discord:ReviewChannelId={fake.State.ReviewChannelId.ToString(CultureInfo.InvariantCulture)}",
        "--Discord:EditorRoleIds:0=4242",
        $"--Content:Root={content}",
        $"--Storage:Database={database}",
        "--Claims:Glossary=",
    ];
}
