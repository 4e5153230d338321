using EditorialBot.Storage;

namespace EditorialBot.Workflow.Review;

/// <summary>What the policy concluded for one episode: its state, whether it may be published, and what blocks it.</summary>
public sealed record ReviewDecision(
    EpisodeState State,
    bool CanPublish,
    int Approvals,
    int RequiredApprovals,
    IReadOnlyList<string> Approvers,
    IReadOnlyList<ChangeRequest> ChangeRequests,
    int ClaimsTotal,
    int ClaimsResolved,
    int ClaimsUnverified,
    int ClaimsFalse,
    int ClaimsNeedingSource,
    IReadOnlyList<string> Blockers)
{
    // ClaimsTotal, ClaimsResolved, ClaimsUnverified and ClaimsNeedingSource count the check tier (what the gate
    // waits for); ClaimsFalse counts both tiers.
    public bool ClaimsSettled => ClaimsResolved == ClaimsTotal;

    /// <summary>Optional claims, and how many of those are verified or not a claim.</summary>
    public int OptionalTotal { get; init; }

    public int OptionalResolved { get; init; }
}

/// <summary>An open request for changes: who asked and why.</summary>
public sealed record ChangeRequest(string VoterId, string? VoterName, string? Reason, DateTimeOffset CastAt, bool OnCurrentText);
