using EditorialBot.Bot.Cli;

namespace EditorialBot.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Unknown_verb_is_a_usage_error()
    {
        var (code, _, stderr) = await Run("no-such-verb");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("no-such-verb", stderr);
    }

    [Fact]
    public void Configuration_overrides_are_split_from_verb_arguments()
    {
        var (verbArgs, overrides) = AppConfiguration.SplitOverrides(["scan", "--content", "x", "--Content:Dialect=hugo", "--json"]);
        Assert.Equal(["scan", "--content", "x", "--json"], verbArgs);
        Assert.Equal(["--Content:Dialect=hugo"], overrides);
        Assert.Equal("hugo", AppConfiguration.Build(overrides)["Content:Dialect"]);
    }

    internal static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
