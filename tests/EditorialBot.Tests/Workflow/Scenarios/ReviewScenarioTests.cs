using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Review;
using EditorialBot.Workflow.Sweep;
using static EditorialBot.Tests.Support.TestEngine;

namespace EditorialBot.Tests.Workflow.Scenarios;

/// <summary>Whole review stories over a real content folder and a real SQLite file.</summary>
public sealed class ReviewScenarioTests
{
    [Fact]
    public async Task A_draft_goes_through_review_to_published_changing_only_draft_and_status()
    {
        await using var engine = await TestEngine.StartAsync();
        var original = Notes.Draft(body: Notes.Body(Notes.FactTwo));
        var path = engine.Write("2025/ev.md", original);

        var sweep = await engine.SweepAsync();
        var created = Assert.Single(sweep.Events);
        Assert.Equal(SweepEventKind.New, created.Kind);
        var episode = await engine.EpisodeAsync("2025/ev.md");
        Assert.Equal(EpisodeState.New, episode.State);
        Assert.True(episode.Claims.Count >= 2, $"expected the two facts as claims, got {episode.Claims.Count}");

        var early = await engine.Reviews.ApproveAsync(episode.Id, Ana);
        Assert.Equal(OutcomeStatus.Done, early.Status);
        Assert.Equal(EpisodeState.Approved, early.State);
        Assert.Contains("unverified", early.Message);
        Assert.Equal(original, File.ReadAllText(path));

        await engine.VerifyAllClaimsAsync(episode.Id, Ben);

        var published = await engine.EpisodeAsync("2025/ev.md");
        Assert.Equal(EpisodeState.Published, published.State);
        Assert.Equal("review", published.PublishedBy);
        var expected = original.Replace("draft: true", "draft: false").Replace("status: evergreen", "status: published");
        Assert.Equal(expected, File.ReadAllText(path));
        Assert.Equal(published.ContentHash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))));

        var actions = (await engine.AuditAsync(episode.Id)).Select(a => a.Action).ToList();
        Assert.Equal(["discovered", "approve"], actions.Take(2));
        Assert.Contains("claim-verdict", actions);
        Assert.Equal("published", actions[^1]);

        // Our own write is not an outside change.
        var again = await engine.SweepAsync();
        Assert.Empty(again.Events);
        Assert.Equal(1, again.Unchanged);
    }

    [Fact]
    public async Task Editing_the_body_dismisses_approvals_with_the_reason_and_metadata_edits_keep_them()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequiredApprovals", "2"));
        engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        await engine.Reviews.ApproveAsync(id, Ana);

        engine.Write("ev.md", Notes.Draft(tags: "- ev\n- trade\n- china"));
        var metadata = await engine.SweepAsync();
        Assert.Equal(SweepEventKind.MetadataChanged, Assert.Single(metadata.Events).Kind);
        var kept = await engine.EpisodeByIdAsync(id);
        Assert.Equal(VoteStatus.Active, Assert.Single(kept.Votes).Status);
        Assert.Equal("ev\ntrade\nchina", kept.Tags);

        engine.Write("ev.md", Notes.Draft(tags: "- ev\n- trade\n- china", body: Notes.Body("补充一句：这只是开始。")));
        var edited = await engine.SweepAsync();
        var change = Assert.Single(edited.Events);
        Assert.Equal(SweepEventKind.Changed, change.Kind);
        Assert.Contains("body changed", change.Detail);
        var stale = await engine.EpisodeByIdAsync(id);
        var vote = Assert.Single(stale.Votes);
        Assert.Equal(VoteStatus.Dismissed, vote.Status);
        Assert.Equal("body changed", vote.EndReason);
        Assert.Equal(EpisodeState.Stale, stale.State);
        Assert.Contains(edited.StaleReviews, s => s.EpisodeId == id);
        Assert.Contains(await engine.AuditAsync(id), a => a.Action == "edited" && a.Details!.Contains("ana"));

        engine.Write("ev.md", Notes.Draft(title: "电动车出海：新标题", tags: "- ev\n- trade\n- china", body: Notes.Body("补充一句：这只是开始。")));
        await engine.Reviews.ApproveAsync(id, Ana);
        var retitled = await engine.SweepAsync();
        Assert.Contains("title changed", Assert.Single(retitled.Events).Detail);
    }

    [Fact]
    public async Task Claim_verdicts_carry_over_when_other_text_changes_and_new_claims_start_unverified()
    {
        await using var engine = await TestEngine.StartAsync();
        engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var before = await engine.EpisodeAsync("ev.md");
        var first = before.Claims.Single(c => c.Active);
        await engine.Reviews.SetClaimVerdictAsync(before.Id, first.Number, ClaimVerdict.Verified, Ana, "海关总署 2025-01 公告");

        engine.Write("ev.md", Notes.Draft(body: "开场白换了一句。\n\n" + Notes.Body(Notes.FactThree)));
        await engine.SweepAsync();

        var after = await engine.EpisodeByIdAsync(before.Id);
        var carried = after.Claims.Single(c => c.Fingerprint == first.Fingerprint);
        Assert.Equal(ClaimVerdict.Verified, carried.Verdict);
        Assert.Equal("海关总署 2025-01 公告", carried.VerdictNote);
        Assert.True(carried.Line > first.Line);
        var added = after.Claims.Where(c => c.Fingerprint != first.Fingerprint && c.Active).ToList();
        Assert.NotEmpty(added);
        Assert.All(added, c => Assert.Equal(ClaimVerdict.Unverified, c.Verdict));
    }

    [Fact]
    public async Task A_request_for_changes_blocks_until_its_author_clears_it()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequireClaimsResolved", "false"));
        var path = engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;

        Assert.Equal(OutcomeStatus.Refused, (await engine.Reviews.RequestChangesAsync(id, Ben, "  ")).Status);
        var request = await engine.Reviews.RequestChangesAsync(id, Ben, "128万辆的口径要写清楚");
        Assert.Equal(EpisodeState.ChangesRequested, request.State);
        var approval = await engine.Reviews.ApproveAsync(id, Ana);
        Assert.Equal(EpisodeState.ChangesRequested, approval.State);
        Assert.Contains("changes requested by ben: 128万辆的口径要写清楚", approval.Message);
        Assert.Contains("draft: true", File.ReadAllText(path));

        var notAllowed = await engine.Reviews.ClearChangeRequestAsync(id, Ana, Ben.Id);
        Assert.Equal(OutcomeStatus.Refused, notAllowed.Status);
        Assert.Equal(EpisodeState.ChangesRequested, (await engine.EpisodeByIdAsync(id)).State);

        var cleared = await engine.Reviews.ClearChangeRequestAsync(id, Ben);
        Assert.Equal(OutcomeStatus.Done, cleared.Status);
        Assert.NotNull(cleared.Published);
        Assert.Contains("draft: false", File.ReadAllText(path));
        var votes = (await engine.EpisodeByIdAsync(id)).Votes;
        Assert.Contains(votes, v => v.Kind == VoteKind.RequestChanges && v.Status == VoteStatus.Cleared && v.EndedBy == "ben");
    }

    [Fact]
    public async Task An_admin_may_clear_someone_elses_request()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequireClaimsResolved", "false"), ("Review:AutoPublish", "false"));
        engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        await engine.Reviews.RequestChangesAsync(id, Ben, "标题太长");
        await engine.Reviews.ApproveAsync(id, Ana);

        var cleared = await engine.Reviews.ClearChangeRequestAsync(id, Boss);
        Assert.Equal(EpisodeState.Approved, cleared.State);
        Assert.Null(cleared.Published);
        Assert.Equal(EpisodeState.Approved, (await engine.EpisodeByIdAsync(id)).State);
    }

    [Fact]
    public async Task A_false_claim_blocks_publishing_until_the_text_is_fixed_and_reviewed_again()
    {
        await using var engine = await TestEngine.StartAsync();
        var path = engine.Write("ev.md", Notes.Draft(body: Notes.Body(Notes.FactThree)));
        await engine.SweepAsync();
        var episode = await engine.EpisodeAsync("ev.md");
        var wrong = episode.Claims.First(c => c.Text.Contains("台积电"));
        await engine.VerifyAllClaimsAsync(episode.Id, Ana);
        await engine.Reviews.SetClaimVerdictAsync(episode.Id, wrong.Number, ClaimVerdict.False, Ben, "量产时间不对");

        var approval = await engine.Reviews.ApproveAsync(episode.Id, Ana);
        Assert.Contains("1 claim(s) marked false", approval.Message);
        Assert.Contains("draft: true", File.ReadAllText(path));

        var publish = await engine.Reviews.PublishAsync(episode.Id, Ana);
        Assert.Equal(OutcomeStatus.Refused, publish.Status);
        Assert.Equal(OutcomeStatus.Refused, (await engine.Reviews.PublishAsync(episode.Id, Ana, force: true)).Status);
        Assert.Contains("draft: true", File.ReadAllText(path));

        engine.Write("ev.md", Notes.Draft());
        var fixedSweep = await engine.SweepAsync();
        Assert.Contains("body changed", Assert.Single(fixedSweep.Events).Detail);
        var afterFix = await engine.EpisodeByIdAsync(episode.Id);
        Assert.False(afterFix.Claims.Single(c => c.Id == wrong.Id).Active);
        Assert.Equal(EpisodeState.Stale, afterFix.State);

        var again = await engine.Reviews.ApproveAsync(episode.Id, Ana);
        Assert.NotNull(again.Published);
        Assert.Contains("draft: false", File.ReadAllText(path));
    }

    [Fact]
    public async Task Only_editors_and_admins_review_and_one_vote_per_person_counts()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequiredApprovals", "2"), ("Review:RequireClaimsResolved", "false"));
        engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;

        Assert.Equal(OutcomeStatus.Refused, (await engine.Reviews.ApproveAsync(id, Guest)).Status);
        Assert.Equal(OutcomeStatus.Refused, (await engine.Reviews.SetClaimVerdictAsync(id, 1, ClaimVerdict.Verified, Guest)).Status);
        Assert.Equal(OutcomeStatus.Done, (await engine.Reviews.ApproveAsync(id, Ana)).Status);
        Assert.Equal(OutcomeStatus.NoChange, (await engine.Reviews.ApproveAsync(id, Ana)).Status);
        var episode = await engine.EpisodeByIdAsync(id);
        Assert.Single(episode.Votes);
        Assert.Equal(EpisodeState.InReview, episode.State);

        var retract = await engine.Reviews.RetractAsync(id, Ana);
        Assert.Equal(OutcomeStatus.Done, retract.Status);
        Assert.Equal(VoteStatus.Retracted, (await engine.EpisodeByIdAsync(id)).Votes.Single().Status);
        Assert.Equal(OutcomeStatus.NoChange, (await engine.Reviews.RetractAsync(id, Ana)).Status);

        await engine.Reviews.ApproveAsync(id, Ana);
        var second = await engine.Reviews.ApproveAsync(id, Boss);
        Assert.NotNull(second.Published);
    }

    [Fact]
    public async Task Runtime_settings_in_the_database_override_the_configuration()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequireClaimsResolved", "false"));
        engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        await using (var db = engine.Db())
        {
            Assert.NotNull(await engine.Settings.SetAsync(db, "Review:RequiredApprovals", "2", Ana));
            Assert.NotNull(await engine.Settings.SetAsync(db, "Review:RequiredApprovals", "zero", Boss));
            Assert.Null(await engine.Settings.SetAsync(db, "review:requiredapprovals", "2", Boss));
        }
        await engine.RestartAsync();

        var one = await engine.Reviews.ApproveAsync(id, Ana);
        Assert.Equal(EpisodeState.InReview, one.State);
        Assert.Contains("approvals 1/2", one.Message);
        await using (var db = engine.Db())
        {
            Assert.Contains(db.AuditLog, a => a.Action == "setting" && a.Details == "Review:RequiredApprovals: (configured) -> 2");
        }
    }

    [Fact]
    public async Task Unpublish_restores_the_file_byte_for_byte_and_sends_it_back_to_review()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequireClaimsResolved", "false"));
        var original = Notes.Draft(status: "'evergreen' # kept as is", draft: "yes");
        var path = engine.Write("ev.md", original);
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        await engine.Reviews.ApproveAsync(id, Ana);
        Assert.Contains("draft: false", File.ReadAllText(path));

        Assert.Equal(OutcomeStatus.Refused, (await engine.Reviews.UnpublishAsync(id, Ana)).Status);
        var unpublished = await engine.Reviews.UnpublishAsync(id, Boss);
        Assert.Equal(OutcomeStatus.Done, unpublished.Status);
        Assert.Equal(EpisodeState.Stale, unpublished.State);
        Assert.Equal(original, File.ReadAllText(path));
        var episode = await engine.EpisodeByIdAsync(id);
        Assert.Equal(EpisodeState.Stale, episode.State);
        Assert.Equal("unpublished", episode.Votes.Single().EndReason);
        Assert.Empty((await engine.SweepAsync()).Events);
    }

    [Fact]
    public async Task Publishing_is_refused_when_the_file_changed_since_the_review()
    {
        await using var engine = await TestEngine.StartAsync(("Review:RequireClaimsResolved", "false"), ("Review:AutoPublish", "false"));
        engine.Write("ev.md", Notes.Draft());
        await engine.SweepAsync();
        var id = (await engine.EpisodeAsync("ev.md")).Id;
        await engine.Reviews.ApproveAsync(id, Ana);
        var changed = Notes.Draft(body: Notes.Body("没被审过的一句话。"));
        var path = engine.Write("ev.md", changed);

        var publish = await engine.Reviews.PublishAsync(id, Ana);
        Assert.Equal(OutcomeStatus.Refused, publish.Status);
        Assert.Contains("changed since it was reviewed", publish.Message);
        Assert.Equal(changed, File.ReadAllText(path));
        var episode = await engine.EpisodeByIdAsync(id);
        Assert.Null(episode.PendingChange);
        Assert.Equal(EpisodeState.Approved, episode.State);
    }
}
