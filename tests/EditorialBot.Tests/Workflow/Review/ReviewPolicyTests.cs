using EditorialBot.Storage;
using EditorialBot.Workflow.Review;

namespace EditorialBot.Tests.Workflow.Review;

public sealed class ReviewPolicyTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ReviewRules s_oneApproval = new();
    private static readonly ReviewRules s_twoApprovals = new(RequiredApprovals: 2);

    private static VoteFact Approve(string who, int minute = 0, VoteStatus status = VoteStatus.Active, bool current = true, int? endedMinute = null) =>
        new(who, who, VoteKind.Approve, status, current, s_t0.AddMinutes(minute), endedMinute is { } e ? s_t0.AddMinutes(e) : null);

    private static VoteFact Request(string who, int minute = 0, string reason = "fix the date", VoteStatus status = VoteStatus.Active, bool current = true) =>
        new(who, who, VoteKind.RequestChanges, status, current, s_t0.AddMinutes(minute), Reason: reason);

    private static ReviewDecision Evaluate(ReviewRules rules, IReadOnlyList<VoteFact> votes, IReadOnlyList<ClaimFact>? claims = null, FileCondition file = FileCondition.Draft, bool published = false) =>
        ReviewPolicy.Evaluate(new ReviewFacts(file, published, votes, claims ?? []), rules);

    [Fact]
    public void A_draft_nobody_touched_is_new_and_blocked_by_missing_approvals()
    {
        var decision = Evaluate(s_oneApproval, []);
        Assert.Equal(EpisodeState.New, decision.State);
        Assert.False(decision.CanPublish);
        Assert.Equal(["approvals 0/1"], decision.Blockers);
    }

    [Fact]
    public void One_approval_meets_the_default_quorum()
    {
        var decision = Evaluate(s_oneApproval, [Approve("ana")]);
        Assert.Equal(EpisodeState.Approved, decision.State);
        Assert.True(decision.CanPublish);
        Assert.Equal(["ana"], decision.Approvers);
    }

    [Fact]
    public void A_quorum_of_two_needs_two_different_people()
    {
        var one = Evaluate(s_twoApprovals, [Approve("ana")]);
        Assert.Equal(EpisodeState.InReview, one.State);
        Assert.Contains("approvals 1/2", one.Blockers);

        var same = Evaluate(s_twoApprovals, [Approve("ana", 0), Approve("ana", 5)]);
        Assert.Equal(1, same.Approvals);

        var two = Evaluate(s_twoApprovals, [Approve("ana"), Approve("ben", 1)]);
        Assert.True(two.CanPublish);
        Assert.Equal(2, two.Approvals);
    }

    [Fact]
    public void Retracted_superseded_dismissed_and_cleared_votes_do_not_count()
    {
        var decision = Evaluate(s_oneApproval,
        [
            Approve("ana", status: VoteStatus.Retracted),
            Approve("ben", status: VoteStatus.Superseded),
            Approve("cai", status: VoteStatus.Dismissed, endedMinute: 3),
            Request("dan", status: VoteStatus.Cleared),
        ]);
        Assert.Equal(0, decision.Approvals);
        Assert.Empty(decision.ChangeRequests);
        Assert.False(decision.CanPublish);
    }

    [Fact]
    public void A_request_for_changes_blocks_even_with_enough_approvals()
    {
        var decision = Evaluate(s_oneApproval, [Approve("ana"), Request("ben", 1, "source for 40%?")]);
        Assert.Equal(EpisodeState.ChangesRequested, decision.State);
        Assert.False(decision.CanPublish);
        Assert.Contains("changes requested by ben: source for 40%?", decision.Blockers);
    }

    [Fact]
    public void The_latest_vote_of_a_person_is_the_one_that_counts()
    {
        var decision = Evaluate(s_oneApproval, [Request("ana", 0), Approve("ana", 5)]);
        Assert.Equal(EpisodeState.Approved, decision.State);
        Assert.Empty(decision.ChangeRequests);
    }

    [Fact]
    public void A_request_on_older_text_blocks_until_the_new_text_is_approved()
    {
        var waiting = Evaluate(s_oneApproval, [Request("ben", 0, current: false)]);
        Assert.Equal(EpisodeState.ChangesRequested, waiting.State);
        Assert.False(waiting.CanPublish);

        var reReviewed = Evaluate(s_oneApproval, [Request("ben", 0, current: false), Approve("ana", 10)]);
        Assert.Equal(EpisodeState.Approved, reReviewed.State);
        Assert.True(reReviewed.CanPublish);
    }

    [Fact]
    public void A_request_on_the_current_text_is_not_overridden_by_other_approvals()
    {
        var decision = Evaluate(s_oneApproval, [Request("ben", 0), Approve("ana", 10), Approve("cai", 11)]);
        Assert.Equal(EpisodeState.ChangesRequested, decision.State);
        Assert.False(decision.CanPublish);
    }

    [Fact]
    public void Approvals_dismissed_by_an_edit_make_the_review_stale_until_someone_approves_again()
    {
        var stale = Evaluate(s_oneApproval, [Approve("ana", 0, VoteStatus.Dismissed, endedMinute: 30)]);
        Assert.Equal(EpisodeState.Stale, stale.State);
        Assert.False(stale.CanPublish);

        var again = Evaluate(s_oneApproval, [Approve("ana", 0, VoteStatus.Dismissed, endedMinute: 30), Approve("ana", 40)]);
        Assert.Equal(EpisodeState.Approved, again.State);

        var retractedAfter = Evaluate(s_twoApprovals, [Approve("ana", 0, VoteStatus.Dismissed, endedMinute: 30), Approve("ben", 40, VoteStatus.Retracted)]);
        Assert.Equal(EpisodeState.InReview, retractedAfter.State);
    }

    [Fact]
    public void Claim_verdicts_alone_put_a_draft_in_review()
    {
        var decision = Evaluate(s_oneApproval, [], [ClaimVerdict.Verified, ClaimVerdict.Unverified]);
        Assert.Equal(EpisodeState.InReview, decision.State);
        Assert.Equal(1, decision.ClaimsResolved);
        Assert.Equal(2, decision.ClaimsTotal);
    }

    [Theory]
    [InlineData(ClaimVerdict.Verified, true)]
    [InlineData(ClaimVerdict.NotAClaim, true)]
    [InlineData(ClaimVerdict.Unverified, false)]
    [InlineData(ClaimVerdict.NeedsSource, false)]
    [InlineData(ClaimVerdict.False, false)]
    public void With_the_claims_gate_on_only_verified_or_not_a_claim_lets_it_through(ClaimVerdict verdict, bool canPublish)
    {
        var decision = Evaluate(s_oneApproval, [Approve("ana")], [ClaimVerdict.Verified, verdict]);
        Assert.Equal(canPublish, decision.CanPublish);
        Assert.Equal(EpisodeState.Approved, decision.State);
    }

    [Theory]
    [InlineData(ClaimVerdict.Unverified, true)]
    [InlineData(ClaimVerdict.NeedsSource, true)]
    [InlineData(ClaimVerdict.False, false)]
    public void With_the_claims_gate_off_only_a_false_claim_still_blocks(ClaimVerdict verdict, bool canPublish)
    {
        var decision = Evaluate(s_oneApproval with { RequireClaimsResolved = false }, [Approve("ana")], [verdict]);
        Assert.Equal(canPublish, decision.CanPublish);
    }

    [Fact]
    public void Blockers_name_every_claim_problem()
    {
        var decision = Evaluate(s_oneApproval, [Approve("ana")], [ClaimVerdict.False, ClaimVerdict.NeedsSource, ClaimVerdict.NeedsSource, ClaimVerdict.Unverified]);
        Assert.Equal(["1 claim(s) marked false", "2 must-check claim(s) need a source", "1 must-check claim(s) unverified"], decision.Blockers);
        Assert.Equal((1, 2, 1), (decision.ClaimsFalse, decision.ClaimsNeedingSource, decision.ClaimsUnverified));
    }

    [Fact]
    public void The_gate_waits_for_the_check_tier_only()
    {
        ClaimFact[] claims =
        [
            new(ClaimVerdict.Verified, ClaimTier.Check),
            new(ClaimVerdict.Unverified, ClaimTier.Optional),
            new(ClaimVerdict.NeedsSource, ClaimTier.Optional),
        ];
        var decision = Evaluate(s_oneApproval, [Approve("ana")], claims);

        Assert.True(decision.CanPublish);
        Assert.Equal((1, 1), (decision.ClaimsResolved, decision.ClaimsTotal));
        Assert.Equal((0, 2), (decision.OptionalResolved, decision.OptionalTotal));

        var unresolved = Evaluate(s_oneApproval, [Approve("ana")], [.. claims, new(ClaimVerdict.Unverified, ClaimTier.Check)]);
        Assert.False(unresolved.CanPublish);
        Assert.Equal(["1 must-check claim(s) unverified"], unresolved.Blockers);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_false_optional_claim_blocks_whatever_the_gate(bool gate)
    {
        var decision = Evaluate(s_oneApproval with { RequireClaimsResolved = gate }, [Approve("ana")],
            [new(ClaimVerdict.Verified, ClaimTier.Check), new(ClaimVerdict.False, ClaimTier.Optional)]);

        Assert.False(decision.CanPublish);
        Assert.Equal(["1 claim(s) marked false"], decision.Blockers);
    }

    [Fact]
    public void A_note_without_claims_publishes_on_approval_alone()
    {
        var decision = Evaluate(s_oneApproval, [Approve("ana")], []);
        Assert.True(decision.CanPublish);
        Assert.Equal((0, 0), (decision.ClaimsTotal, decision.OptionalTotal));
    }

    [Theory]
    [InlineData(FileCondition.Gone, EpisodeState.Gone)]
    [InlineData(FileCondition.Broken, EpisodeState.Error)]
    public void A_missing_or_broken_file_cannot_be_published_whatever_the_votes(FileCondition file, EpisodeState state)
    {
        var decision = Evaluate(s_oneApproval, [Approve("ana")], file: file);
        Assert.Equal(state, decision.State);
        Assert.False(decision.CanPublish);
    }

    [Fact]
    public void A_published_episode_is_published_and_not_publishable_again()
    {
        var decision = Evaluate(s_oneApproval, [Approve("ana")], published: true);
        Assert.Equal(EpisodeState.Published, decision.State);
        Assert.False(decision.CanPublish);
        Assert.Contains("already published", decision.Blockers);
    }

    [Fact]
    public void Only_editors_and_admins_may_review()
    {
        Assert.Null(ReviewPolicy.RefuseReviewer(new Reviewer("1", "ana", IsEditor: true, IsAdmin: false)));
        Assert.Null(ReviewPolicy.RefuseReviewer(new Reviewer("2", "boss", IsEditor: false, IsAdmin: true)));
        Assert.Contains("guest", ReviewPolicy.RefuseReviewer(new Reviewer("3", "guest", false, false)));
    }

    [Fact]
    public void Only_the_author_or_an_admin_may_clear_a_request()
    {
        Assert.Null(ReviewPolicy.RefuseClear(new Reviewer("ben", "ben", true, false), "ben"));
        Assert.Null(ReviewPolicy.RefuseClear(new Reviewer("boss", "boss", false, true), "ben"));
        Assert.NotNull(ReviewPolicy.RefuseClear(new Reviewer("ana", "ana", true, false), "ben"));
    }

    [Theory]
    [InlineData(EpisodeState.InReview, 47, false)]
    [InlineData(EpisodeState.InReview, 48, true)]
    [InlineData(EpisodeState.New, 100, true)]
    [InlineData(EpisodeState.ChangesRequested, 100, true)]
    [InlineData(EpisodeState.Published, 100, false)]
    [InlineData(EpisodeState.Gone, 100, false)]
    [InlineData(EpisodeState.Error, 100, false)]
    public void Reminders_go_to_open_reviews_past_the_threshold(EpisodeState state, int hours, bool remind)
    {
        Assert.Equal(remind, ReviewPolicy.IsWaitingTooLong(state, s_t0, s_t0.AddHours(hours), new ReviewRules(RemindAfterHours: 48)));
    }
}
