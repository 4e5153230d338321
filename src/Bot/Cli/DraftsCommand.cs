using System.CommandLine;

namespace EditorialBot.Bot.Cli;

/// <summary><c>drafts --content DIR [--json]</c>: the notes the site would skip as drafts.</summary>
internal static class DraftsCommand
{
    public static Command Create(CliContext context) =>
        ScanReport.CreateCommand(context, "drafts", "List the notes the site treats as drafts.", draftsOnly: true);
}
