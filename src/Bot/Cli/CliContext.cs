using Microsoft.Extensions.Configuration;

namespace EditorialBot.Bot.Cli;

/// <summary>What every verb needs: the configuration and the two output streams (JSON on stdout, diagnostics on stderr).</summary>
internal sealed record CliContext(IConfiguration Configuration, TextWriter Out, TextWriter Error)
{
    private static readonly AsyncLocal<CliContext?> s_current = new();

    public static CliContext Current
    {
        get => s_current.Value ?? throw new InvalidOperationException("No command-line context.");
        set => s_current.Value = value;
    }
}
