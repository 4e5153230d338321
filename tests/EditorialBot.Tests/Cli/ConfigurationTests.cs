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

    [Fact]
    public async Task Doctor_checks_the_content_git_claims_and_outbox_keys_too()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("content"));

        var (code, stdout, _) = await CommandLineTests.Run("doctor",
            $"--Content:Root={folder.File("content")}", $"--Storage:Database={folder.File("data/e.db")}",
            "--Content:MaxNoteBytes=10", "--Content:BrowseUrl=https://git.example/site/blob/main/", "--Claims:MustCheckMax=-1",
            "--Outbox:RetentionDays=0", "--Git:PushAttempts=50", "--Git:TimeoutSeconds=forever", "--Git:Sync=maybe");

        Assert.Equal(ExitCodes.Failure, code);
        var configuration = stdout.Split('\n').Where(static l => l.StartsWith("FAIL  configuration", StringComparison.Ordinal)).ToList();
        Assert.Contains(configuration, static l => l.Contains("Content:MaxNoteBytes is 10: set it to a whole number of bytes, at least 1024", StringComparison.Ordinal));
        Assert.Contains(configuration, static l => l.Contains("Content:BrowseUrl must contain {path}", StringComparison.Ordinal));
        Assert.Contains(configuration, static l => l.Contains("Claims:MustCheckMax is -1", StringComparison.Ordinal));
        Assert.Contains(configuration, static l => l.Contains("Outbox:RetentionDays is 0", StringComparison.Ordinal));
        Assert.Contains(configuration, static l => l.Contains("Git:PushAttempts is 50", StringComparison.Ordinal));
        Assert.Contains(configuration, static l => l.Contains("Git:TimeoutSeconds is 'forever', which is not a whole number", StringComparison.Ordinal));
        Assert.Contains(configuration, static l => l.Contains("Git:Sync is 'maybe', which is not true or false", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Content_extensions_are_read_as_a_list_or_one_comma_separated_value()
    {
        using var folder = new TempFolder();
        folder.Write("content/a.md", Notes.Draft());
        folder.Write("content/b.Rmd", Notes.Draft(title: "第二期"));

        var (_, list, _) = await CommandLineTests.Run("drafts", "--json", "--content", folder.File("content"), "--Content:Extensions:0=Rmd");
        var (_, single, _) = await CommandLineTests.Run("drafts", "--json", "--content", folder.File("content"), "--Content:Extensions=.md, .Rmd");

        Assert.Contains("b.Rmd", list);
        Assert.DoesNotContain("a.md", list);
        Assert.Contains("a.md", single);
        Assert.Contains("b.Rmd", single);
    }
}
