using EditorialBot.Storage;

namespace EditorialBot.Workflow.Review;

/// <summary>
/// The review rules as pure functions: facts in, decision out. The clock is passed in wherever
/// time matters; nothing here reads files, the database or Discord.
/// </summary>
public static class ReviewPolicy
{
    public static ReviewDecision Evaluate(ReviewFacts facts, ReviewRules rules)
    {
        var active = facts.Votes.Where(v => v.Status == VoteStatus.Active).ToList();
        // One vote per person: if the store ever holds two active votes of one voter, the latest counts.
        var latestPerVoter = active
            .GroupBy(v => v.VoterId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(v => v.CastAt).Last())
            .ToList();
        var approvals = latestPerVoter.Where(v => v.Kind == VoteKind.Approve && v.OnCurrentText).OrderBy(v => v.CastAt).ToList();
        var reReviewed = approvals.Count > 0;
        // A request against older text stops blocking once the new text has been approved by someone.
        var changeRequests = latestPerVoter
            .Where(v => v.Kind == VoteKind.RequestChanges && (v.OnCurrentText || !reReviewed))
            .OrderBy(v => v.CastAt)
            .Select(v => new ChangeRequest(v.VoterId, v.VoterName, v.Reason, v.CastAt, v.OnCurrentText))
            .ToList();

        // The gate counts the check tier; a claim marked false blocks in either tier.
        var check = facts.Claims.Where(static c => c.Tier == ClaimTier.Check).Select(static c => c.Verdict).ToList();
        var optional = facts.Claims.Where(static c => c.Tier == ClaimTier.Optional).Select(static c => c.Verdict).ToList();
        var total = check.Count;
        var verified = check.Count(static c => IsResolved(c));
        var unverified = check.Count(static c => c == ClaimVerdict.Unverified);
        var falseClaims = facts.Claims.Count(static c => c.Verdict == ClaimVerdict.False);
        var needSource = check.Count(static c => c == ClaimVerdict.NeedsSource);

        List<string> blockers = [];
        switch (facts.File)
        {
            case FileCondition.Gone:
                blockers.Add("the file is gone (deleted or moved out of the content folder)");
                break;
            case FileCondition.Broken:
                blockers.Add("the file cannot be read (see the error)");
                break;
        }
        if (facts.Published)
        {
            blockers.Add("already published");
        }
        if (approvals.Count < rules.RequiredApprovals)
        {
            blockers.Add($"approvals {approvals.Count}/{rules.RequiredApprovals}");
        }
        foreach (var request in changeRequests)
        {
            var who = request.VoterName ?? request.VoterId;
            blockers.Add(string.IsNullOrWhiteSpace(request.Reason) ? $"changes requested by {who}" : $"changes requested by {who}: {request.Reason}");
        }
        // A claim marked false blocks even with the claims gate off: the text says something known to be wrong.
        if (falseClaims > 0)
        {
            blockers.Add($"{falseClaims} claim(s) marked false");
        }
        if (rules.RequireClaimsResolved)
        {
            if (needSource > 0)
            {
                blockers.Add($"{needSource} must-check claim(s) need a source");
            }
            if (unverified > 0)
            {
                blockers.Add($"{unverified} must-check claim(s) unverified");
            }
        }

        var state = StateOf(facts, approvals, changeRequests, rules);
        return new ReviewDecision(
            state,
            CanPublish: blockers.Count == 0,
            Approvals: approvals.Count,
            RequiredApprovals: rules.RequiredApprovals,
            Approvers: approvals.Select(v => v.VoterName ?? v.VoterId).ToList(),
            ChangeRequests: changeRequests,
            ClaimsTotal: total,
            ClaimsResolved: verified,
            ClaimsUnverified: unverified,
            ClaimsFalse: falseClaims,
            ClaimsNeedingSource: needSource,
            Blockers: blockers)
        {
            OptionalTotal = optional.Count,
            OptionalResolved = optional.Count(static c => IsResolved(c)),
        };
    }

    private static EpisodeState StateOf(ReviewFacts facts, List<VoteFact> approvals, List<ChangeRequest> changeRequests, ReviewRules rules)
    {
        if (facts.Published)
        {
            return EpisodeState.Published;
        }
        if (facts.File == FileCondition.Gone)
        {
            return EpisodeState.Gone;
        }
        if (facts.File == FileCondition.Broken)
        {
            return EpisodeState.Error;
        }
        if (changeRequests.Count > 0)
        {
            return EpisodeState.ChangesRequested;
        }
        if (approvals.Count >= rules.RequiredApprovals)
        {
            return EpisodeState.Approved;
        }
        var lastDismissal = facts.Votes
            .Where(v => v.Kind == VoteKind.Approve && v.Status == VoteStatus.Dismissed)
            .Select(v => v.EndedAt ?? v.CastAt)
            .DefaultIfEmpty()
            .Max();
        // Stale: approved text was edited and nobody has approved since.
        if (facts.Votes.Any(v => v.Kind == VoteKind.Approve && v.Status == VoteStatus.Dismissed)
            && !facts.Votes.Any(v => v.Kind == VoteKind.Approve && v.CastAt > lastDismissal))
        {
            return EpisodeState.Stale;
        }
        var anyActivity = facts.Votes.Count > 0 || facts.Claims.Any(static c => c.Verdict != ClaimVerdict.Unverified);
        return anyActivity ? EpisodeState.InReview : EpisodeState.New;
    }

    /// <summary>Verified, or judged not to be a claim at all.</summary>
    public static bool IsResolved(ClaimVerdict verdict) => verdict is ClaimVerdict.Verified or ClaimVerdict.NotAClaim;

    /// <summary>Whether <paramref name="reviewer"/> may vote or judge claims at all (role-gated).</summary>
    public static string? RefuseReviewer(Reviewer reviewer) =>
        reviewer.MayReview ? null : $"{reviewer.Display} has neither an editor nor an admin role; only editors and admins review";

    /// <summary>A request for changes is cleared by its author or an admin; anyone else is refused.</summary>
    public static string? RefuseClear(Reviewer actor, string requestAuthorId) =>
        actor.IsAdmin || string.Equals(actor.Id, requestAuthorId, StringComparison.Ordinal)
            ? null
            : $"only the author of the request or an admin can clear it ({actor.Display} is neither)";

    /// <summary>Episodes that have waited for review longer than the reminder threshold, oldest first.</summary>
    public static bool IsWaitingTooLong(EpisodeState state, DateTimeOffset waitingSince, DateTimeOffset now, ReviewRules rules) =>
        state is EpisodeState.New or EpisodeState.InReview or EpisodeState.ChangesRequested or EpisodeState.Stale or EpisodeState.Approved
        && now - waitingSince >= TimeSpan.FromHours(rules.RemindAfterHours);
}
