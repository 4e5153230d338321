using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EditorialBot.Workflow.Git;

/// <summary>
/// Pulls the site's repository before a sweep (<c>Git:Sync</c>): fetch the configured remote and branch, then
/// fast-forward, or rebase the bot's own unpushed publish commits on top. It never discards a local change and never
/// force-pushes: a dirty tree, a conflict or an unreachable remote leaves the local copy as it is (the sweep runs on
/// it), and admins are told once, in the review channel, the log and <c>status</c>.
/// </summary>
internal sealed class GitSync(
    IOptions<GitOptions> gitOptions,
    IOptions<ContentOptions> contentOptions,
    GitSyncState state,
    IDbContextFactory<EditorialDbContext> dbs,
    TimeProvider time,
    ILogger<GitSync> log)
{
    /// <summary>The trailer every publish commit of the bot carries: commits with it may be rebased, others not.</summary>
    private GitOptions Options => gitOptions.Value;

    public const string OwnCommitTrailer = "Episode-Id: ";

    public bool Enabled => Options.Sync;

    /// <summary>Pulls and reports; never throws for a git problem (only cancellation).</summary>
    public async Task<GitSyncResult> BeforeSweepAsync(CancellationToken cancellationToken)
    {
        if (!Options.Sync)
        {
            return new GitSyncResult(GitSyncOutcome.Off);
        }
        GitSyncResult result;
        try
        {
            result = await PullAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result = GitSyncResult.Failed(ex is GitTimeoutException ? $"the remote did not answer: {ex.Message}" : ex.Message);
        }
        await NotifyWithdrawnAsync(result.Withdrawn, cancellationToken);
        await ReportAsync(result, cancellationToken);
        return result;
    }

    private async Task<GitSyncResult> PullAsync(CancellationToken cancellationToken)
    {
        var repository = await GitRepository.OpenAsync(contentOptions.Value.FullRoot, Options, cancellationToken);
        if (repository.Problem is { } notARepository)
        {
            return GitSyncResult.Failed(notARepository);
        }
        var git = repository.Git!;
        var branch = repository.Branch!;
        var dirty = await git.RunAsync(["status", "--porcelain=v1", "--untracked-files=no"], cancellationToken: cancellationToken);
        if (dirty.Length > 0)
        {
            var files = dirty.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Length > 3 ? l[3..] : l).ToList();
            return GitSyncResult.Failed($"the working tree has local changes ({string.Join(", ", files.Take(5))}{(files.Count > 5 ? ", …" : "")}): not pulling until they are committed or reverted");
        }
        // With Git:Push, publish commits a failed push left behind are pushed now; a push rejected because the remote
        // moved again is fetched, checked and rebased like the first one (Git:PushAttempts).
        List<WithdrawnPublish> withdrawn = [];
        for (var attempt = 1; ; attempt++)
        {
            var fetch = await repository.FetchAsync(cancellationToken);
            if (!fetch.Ok)
            {
                return GitSyncResult.Failed($"cannot fetch {Options.Remote}/{branch}: {FirstLine(fetch.Stderr)}") with { Withdrawn = withdrawn };
            }
            var upstream = repository.Upstream;
            var (ahead, behind) = await repository.AheadBehindAsync(cancellationToken);
            if (ahead > 0)
            {
                var foreign = await repository.ForeignCommitsAsync(cancellationToken);
                if (foreign > 0)
                {
                    return GitSyncResult.Failed($"{foreign} local commit(s) on {branch} were not made by the bot and are not on {Options.Remote}: not rebasing them") with { Withdrawn = withdrawn };
                }
                if (Options.Push)
                {
                    withdrawn.AddRange(await UnpushedPublishes.WithdrawChangedUpstreamAsync(repository, cancellationToken));
                    (ahead, behind) = await repository.AheadBehindAsync(cancellationToken);
                }
            }
            GitSyncOutcome outcome;
            if (behind == 0)
            {
                outcome = GitSyncOutcome.UpToDate;
            }
            else if (ahead == 0)
            {
                var merge = await git.TryRunAsync(["merge", "--ff-only", "--quiet", upstream], cancellationToken: cancellationToken);
                if (!merge.Ok)
                {
                    return GitSyncResult.Failed($"cannot fast-forward to {Options.Remote}/{branch}: {FirstLine(merge.Stderr)}") with { Withdrawn = withdrawn };
                }
                outcome = GitSyncOutcome.FastForwarded;
            }
            else
            {
                var rebase = await git.TryRunAsync(["rebase", "--quiet", upstream], cancellationToken: cancellationToken);
                if (!rebase.Ok)
                {
                    await git.TryRunAsync(["rebase", "--abort"], cancellationToken: CancellationToken.None);
                    return GitSyncResult.Failed($"the bot's unpushed publish commits conflict with {Options.Remote}/{branch}: {FirstLine(rebase.Stderr)}") with { Withdrawn = withdrawn };
                }
                outcome = GitSyncOutcome.Rebased;
            }
            if (!Options.Push || ahead == 0)
            {
                return new GitSyncResult(outcome, Head: await repository.HeadAsync(cancellationToken)) { Withdrawn = withdrawn };
            }
            var push = await repository.PushAsync(cancellationToken);
            if (push.Ok)
            {
                return new GitSyncResult(outcome, Head: await repository.HeadAsync(cancellationToken)) { Pushed = ahead, Withdrawn = withdrawn };
            }
            if (!GitRepository.Rejected(push) || attempt >= Options.PushAttempts)
            {
                return GitSyncResult.Failed($"cannot push the bot's {ahead} publish commit(s) to {Options.Remote}/{branch}: {FirstLine(push.Stderr)}") with { Withdrawn = withdrawn };
            }
        }
    }

    /// <summary>Each withdrawn publish: audited, its thread told, and its file read again by the sweep that follows.</summary>
    private async Task NotifyWithdrawnAsync(IReadOnlyList<WithdrawnPublish> withdrawn, CancellationToken cancellationToken)
    {
        if (withdrawn.Count == 0)
        {
            return;
        }
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await db.WriteAsync(async () =>
        {
            var now = time.GetUtcNow();
            foreach (var publish in withdrawn)
            {
                var why = $"{publish.Path} was changed upstream ({Options.Remote}) after it was approved, before its publish commit {publish.Commit[..10]} could be pushed";
                log.LogWarning("Git sync withdrew a publish: {Reason}", why);
                if (publish.EpisodeId is not { } id || await db.Episodes.FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } episode)
                {
                    continue;
                }
                db.AuditLog.Add(new AuditEntry { At = now, Actor = "git sync", Action = "publish-withdrawn", EpisodeId = id, ContentHash = episode.ContentHash, Details = why + "; the commit was dropped and the file is upstream's version" });
                Outbox.Notice(db, id, now, NoticeKind.Edited, $"Publishing was withdrawn: {why}. The file now holds upstream's version; it needs a new review.");
                if (await db.ScannedFiles.FirstOrDefaultAsync(f => f.EpisodeId == id && f.Path == episode.Path, cancellationToken) is { } scanned)
                {
                    // Make the sweep that follows read the file whatever its stat says.
                    scanned.Size = -1;
                }
            }
        }, cancellationToken);
    }

    /// <summary>Tells admins once when a problem starts or changes, and once when it is over.</summary>
    private async Task ReportAsync(GitSyncResult result, CancellationToken cancellationToken)
    {
        var known = state.Load();
        if (result.Outcome == GitSyncOutcome.Problem)
        {
            if (known?.Problem == result.Problem)
            {
                log.LogDebug("Git sync still not possible: {Problem}", result.Problem);
                return;
            }
            log.LogWarning("Git sync: {Problem}. The sweep runs on the local copy.", result.Problem);
            state.Save(new GitSyncProblem(result.Problem!, time.GetUtcNow()));
            await AlertAsync($"Git sync is not possible: {result.Problem}. Sweeps run on the local copy until this is fixed.", cancellationToken);
            return;
        }
        log.LogInformation("Git sync: {Outcome} ({Head}){Pushed}", result.Outcome, result.Head, result.Pushed > 0 ? $", pushed {result.Pushed} publish commit(s) a failed push had left" : "");
        if (known is not null)
        {
            state.Save(null);
            await AlertAsync($"Git sync works again (it failed since {known.Since:yyyy-MM-dd HH:mm} UTC: {known.Problem}).", cancellationToken);
        }
    }

    private async Task AlertAsync(string text, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        Outbox.Alert(db, time.GetUtcNow(), text);
        await db.WriteAsync(() => Task.CompletedTask, cancellationToken);
    }

    internal static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => !l.StartsWith("hint:", StringComparison.Ordinal)) ?? text;
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
