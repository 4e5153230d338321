using System.CommandLine;

namespace EditorialBot.Bot.Cli;

/// <summary><c>scan --content DIR [--json]</c>: every note, whether it is a draft, and what is wrong with it.</summary>
internal static class ScanCommand
{
    public static Command Create(CliContext context) =>
        ScanReport.CreateCommand(context, "scan", "List every Markdown note under the content folder with its draft verdict, errors and warnings.", draftsOnly: false);
}
