using System.CommandLine;
using EditorialBot.Storage;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Bot.Cli;

/// <summary>
/// <c>publish FILE --content DIR --force --by NAME [--db FILE]</c>: the administrator's override that publishes one
/// note outside the review flow, with the same publisher the review flow uses.
/// </summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        Argument<string> file = new("FILE") { Description = "The note: a path relative to the content folder (as scan prints it) or to the current folder." };
        Option<string> content = new("--content") { Description = "The content folder (default: Content:Root)." };
        Option<bool> force = new("--force") { Description = "Required: publish outside the review flow." };
        Option<string> by = new("--by") { Description = "Who publishes (recorded in the audit log).", Required = true };
        Option<string> db = new("--db") { Description = "The database file (default: Storage:Database)." };
        Command command = new("publish", "Publish one draft now (draft: false, status: published), changing no other byte.") { file, content, force, by, db };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(content), parse.GetValue(force), parse.GetValue(by)!, parse.GetValue(db)));
        return command;
    }

    private static int Run(string file, string? contentOption, bool force, string by, string? dbOption)
    {
        var context = CliContext.Current;
        if (!force)
        {
            context.Error.WriteLine("error: publishing outside the review flow needs --force");
            return ExitCodes.Usage;
        }
        if (string.IsNullOrWhiteSpace(by))
        {
            context.Error.WriteLine("error: --by needs a name");
            return ExitCodes.Usage;
        }
        var root = ContentSettings.Root(contentOption, context.Configuration, context.Error);
        var dialect = ContentSettings.Dialect(context.Configuration, context.Error);
        if (root is null || dialect is null)
        {
            return ExitCodes.Usage;
        }
        var database = Hosting.Settings.Storage(Hosting.Settings.With(context.Configuration, ("Storage:Database", string.IsNullOrWhiteSpace(dbOption) ? null : dbOption)));

        var path = Path.IsPathRooted(file) || !File.Exists(Path.Combine(root, file)) && File.Exists(file)
            ? Path.GetFullPath(file)
            : Path.Combine(root, file);
        var result = Publisher.Publish(root, path, ContentSettings.Publishing(context.Configuration), dialect.Value);
        var shown = result with { Path = ContentPath.IsInside(root, path) ? Path.GetRelativePath(root, path).Replace('\\', '/') : file };

        if (result.Wrote)
        {
            RecordAuditEvent(database, by, shown, path, context.Error);
        }
        CliJson.Write(context.Out, new
        {
            path = shown.Path,
            outcome = ToJsonName(result.Outcome),
            reason = result.Explanation,
            line = result.Line,
            by,
            contentHash = result.ContentHash,
            previousContentHash = result.PreviousContentHash,
            previousDraft = result.PreviousDraft,
            previousStatus = result.PreviousStatus,
            statusInserted = result.StatusInserted,
        });
        switch (result.Outcome)
        {
            case PublishOutcome.Published:
                context.Error.WriteLine($"published {shown.Path} (by {by})");
                return ExitCodes.Success;
            case PublishOutcome.NotADraft:
                context.Error.WriteLine($"{shown.Path} is not a draft; nothing changed");
                return ExitCodes.Success;
            default:
                context.Error.WriteLine($"refused: {shown.Path}: {result.Explanation}; nothing changed");
                return ExitCodes.Refused;
        }
    }

    /// <summary>
    /// The one place the publish audit event is written: the audit log in the database (migrated if needed)
    /// and, when the file is a tracked episode, its state, so the review desk shows it as published.
    /// </summary>
    private static void RecordAuditEvent(StorageOptions database, string by, PublishResult result, string fullPath, TextWriter error) =>
        error.WriteLine(EditorialBot.Workflow.Publishing.ForcedPublishAudit.RecordAsync(database, by, result.Path, fullPath, result, TimeProvider.System).GetAwaiter().GetResult());

    private static string ToJsonName(PublishOutcome outcome) => outcome switch
    {
        PublishOutcome.Published => "published",
        PublishOutcome.NotADraft => "not-a-draft",
        PublishOutcome.Changed => "changed",
        PublishOutcome.Unpublished => "unpublished",
        PublishOutcome.AlreadyADraft => "already-a-draft",
        _ => "refused",
    };
}
