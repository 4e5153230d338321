using System.CommandLine;

namespace EditorialBot.Bot.Cli;

/// <summary><c>drafts --content DIR [--json]</c>: the notes the site would skip as drafts.</summary>
internal static class DraftsCommand
{
    public static Command Create() =>
        ScanReport.CreateCommand("drafts", "List the notes the site treats as drafts.", draftsOnly: true);
}
