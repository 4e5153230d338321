using Microsoft.Extensions.Configuration;

namespace EditorialBot.Bot.Cli;

/// <summary>Standard .NET configuration: appsettings.json (next to the binary, then the working folder), environment variables, command-line overrides.</summary>
internal static class AppConfiguration
{
    public static IConfigurationRoot Build(IReadOnlyList<string> overrides) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(overrides.ToArray())
            .Build();

    /// <summary>Separates <c>--Section:Key=value</c> overrides from the verb's own arguments.</summary>
    public static (string[] VerbArgs, string[] Overrides) SplitOverrides(IEnumerable<string> args)
    {
        List<string> verbArgs = [];
        List<string> overrides = [];
        foreach (var arg in args)
        {
            var isOverride = arg.StartsWith("--", StringComparison.Ordinal)
                && arg.IndexOf('=') is var eq and > 2
                && arg.AsSpan(2, eq - 2).Contains(':');
            (isOverride ? overrides : verbArgs).Add(arg);
        }
        return (verbArgs.ToArray(), overrides.ToArray());
    }
}
