using EditorialBot.Bot.Cli;
using EditorialBot.Tests.Support;

namespace EditorialBot.Tests.Cli;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task A_verb_with_bad_settings_names_every_key_and_the_fix_and_changes_nothing()
    {
        using var folder = new TempFolder();
        folder.Write("content/ev.md", Notes.Draft());
        var db = folder.File("data/e.db");

        var (code, _, stderr) = await CommandLineTests.Run("sweep", "--content", folder.File("content"), "--db", db,
            "--Review:RequiredApprovals=0", "--Git:Commit=sometimes");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("error: Review:RequiredApprovals must be a whole number from 1 to 20 (got '0')", stderr);
        Assert.Contains("error: Git:Commit is 'sometimes', which is not true or false: set it to true or false.", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task Doctor_lists_every_configuration_problem_on_its_own_line()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("content"));

        var (code, stdout, _) = await CommandLineTests.Run("doctor",
            $"--Content:Root={folder.File("content")}", $"--Storage:Database={folder.File("data/e.db")}",
            "--Review:RemindAfterHours=soon", "--Schedule:SweepCron=nightly", "--Claims:MaxPerEpisode=0");

        Assert.Equal(ExitCodes.Failure, code);
        var configuration = stdout.Split('\n').Where(static l => l.StartsWith("FAIL  configuration", StringComparison.Ordinal)).ToList();
        Assert.Contains(configuration, static l => l.Contains("Review:RemindAfterHours is 'soon', which is not a whole number", StringComparison.Ordinal));
        Assert.Contains(configuration, static l => l.Contains("Schedule:SweepCron 'nightly' is not a valid Quartz cron expression", StringComparison.Ordinal));
        Assert.Contains(configuration, static l => l.Contains("Claims:MaxPerEpisode is 0", StringComparison.Ordinal));
        Assert.Contains(configuration, static l => l.Contains("Discord:Token is not set", StringComparison.Ordinal));
    }
}
