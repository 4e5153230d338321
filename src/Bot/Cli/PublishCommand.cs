using System.CommandLine;
using EditorialBot.Storage;
using EditorialBot.Workflow.Content;
using EditorialBot.Workflow.Publishing;
using EditorialBot.Workflow.Review;
using EditorialBot.Workflow.Sweep;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EditorialBot.Bot.Cli;

/// <summary>
/// <c>publish FILE --content DIR --force --by NAME [--db FILE]</c>: the administrator's override that publishes one
/// note outside the review flow, through the review flow's own publish path (intent, audit, write, git commit, recovery).
/// </summary>
internal static class PublishCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> file = new("FILE") { Description = "The note: a path relative to the content folder (as scan prints it) or to the current folder." };
        Option<string> content = new("--content") { Description = "The content folder (default: Content:Root)." };
        Option<bool> force = new("--force") { Description = "Required: publish outside the review flow." };
        Option<string> by = new("--by") { Description = "Who publishes (recorded in the audit log).", Required = true };
        Option<string> db = new("--db") { Description = "The database file (default: Storage:Database)." };
        Command command = new("publish", "Publish one draft now (draft: false, status: published), changing no other byte.") { file, content, force, by, db };
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(file)!, parse.GetValue(content), parse.GetValue(force), parse.GetValue(by)!, parse.GetValue(db), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string file, string? contentOption, bool force, string by, string? dbOption, CancellationToken cancellationToken)
    {
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
        if (context.Content(contentOption) is not { } content)
        {
            return ExitCodes.Usage;
        }
        var root = content.FullRoot;
        var path = Path.IsPathRooted(file) || !File.Exists(Path.Combine(root, file)) && File.Exists(file)
            ? Path.GetFullPath(file)
            : Path.GetFullPath(Path.Combine(root, file));
        var (real, problem) = ContentPath.ResolveInside(root, path);
        if (real is null || !File.Exists(real))
        {
            return Report(context, new PublishResult(PublishOutcome.Refused, file, problem ?? $"{file} does not exist"), by);
        }
        var relative = Path.GetRelativePath(root, real).Replace('\\', '/');

        // The one publish path: the database records the intent and the audit entry before the file is touched, and
        // crash recovery (run when the session opens) finishes or rolls back whatever a kill left behind.
        await using var session = await EngineSession.OpenAsync(context.With(("Storage:Database", dbOption), (ContentOptions.RootKey, root)), dryRun: false, cancellationToken);
        var services = session.Services;
        await services.GetRequiredService<SweepService>().SweepFileAsync(relative, cancellationToken);
        var dbs = services.GetRequiredService<IDbContextFactory<EditorialDbContext>>();
        var episode = await FindAsync(dbs, relative, cancellationToken);
        if (episode is null || episode.State == EpisodeState.Error)
        {
            // Not a tracked draft: a published note, or one whose front matter cannot be read (the reason names the line).
            var note = NoteFile.Read(real, content.DraftDialect);
            // Front matter that is not there at all (no closing fence, a rule on line 1) means "not a draft", not a refusal.
            var outcome = note.FrontMatter.Error is { } error
                ? error.MeansNotADraft ? PublishOutcome.NotADraft : PublishOutcome.Refused
                : note.FrontMatter.IsDraft ? PublishOutcome.Refused : PublishOutcome.NotADraft;
            return Report(context, new PublishResult(outcome, relative, note.FrontMatter.Error?.Message ?? (outcome == PublishOutcome.Refused ? "the draft is not tracked" : null),
                note.FrontMatter.Error?.Line, ContentHash: note.ContentHash), by);
        }
        var before = episode.ContentHash;
        var published = await services.GetRequiredService<EpisodePublisher>().PublishAsync(episode.Id, Reviewer.System(by), force: true, cancellationToken, outsideReview: "command line");
        var after = await FindAsync(dbs, relative, cancellationToken) ?? episode;
        var result = published.Status switch
        {
            OutcomeStatus.Done => new PublishResult(PublishOutcome.Published, relative, ContentHash: after.ContentHash, PreviousContentHash: before,
                PreviousDraft: after.DraftBeforePublish, PreviousStatus: after.StatusBeforePublish, StatusInserted: after.StatusBeforePublish is null),
            OutcomeStatus.NoChange => new PublishResult(PublishOutcome.NotADraft, relative, ContentHash: after.ContentHash),
            _ when published.Withdrawn => new PublishResult(PublishOutcome.Withdrawn, relative, published.Message, ContentHash: after.ContentHash),
            _ => new PublishResult(PublishOutcome.Refused, relative, published.Message, ContentHash: before),
        };
        if (published.Status == OutcomeStatus.Done)
        {
            context.Error.WriteLine($"audit: recorded in {session.Database}; episode {episode.Id} marked published");
        }
        return Report(context, result, by);
    }

    private static async Task<Episode?> FindAsync(IDbContextFactory<EditorialDbContext> dbs, string relative, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Episodes.AsNoTracking().Where(e => e.Path == relative && e.State != EpisodeState.Gone)
            .OrderByDescending(e => e.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
    }

    private static int Report(CliContext context, PublishResult result, string by)
    {
        CliJson.Write(context.Out, new
        {
            path = result.Path,
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
                context.Error.WriteLine($"published {result.Path} (by {by})");
                return ExitCodes.Success;
            case PublishOutcome.NotADraft:
                context.Error.WriteLine($"{result.Path} is not a draft; nothing changed");
                return ExitCodes.Success;
            case PublishOutcome.Withdrawn:
                context.Error.WriteLine($"refused: {result.Path}: {result.Explanation}");
                return ExitCodes.Refused;
            default:
                context.Error.WriteLine($"refused: {result.Path}: {result.Explanation}; nothing changed");
                return ExitCodes.Refused;
        }
    }

    private static string ToJsonName(PublishOutcome outcome) => outcome switch
    {
        PublishOutcome.Published => "published",
        PublishOutcome.NotADraft => "not-a-draft",
        PublishOutcome.Changed => "changed",
        PublishOutcome.Unpublished => "unpublished",
        PublishOutcome.AlreadyADraft => "already-a-draft",
        PublishOutcome.Withdrawn => "withdrawn",
        _ => "refused",
    };
}
