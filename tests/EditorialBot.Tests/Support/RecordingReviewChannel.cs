using EditorialBot.Workflow.Channel;

namespace EditorialBot.Tests.Support;

/// <summary>
/// A review channel that records what it was asked to do, in order, and can be told to fail (an outage).
/// Hands out message ids like Discord does, so the stored ids can be checked.
/// </summary>
internal sealed class RecordingReviewChannel : IReviewChannel
{
    private ulong _nextId = 1_000;

    public List<string> Calls { get; } = [];
    public List<string> Keys { get; } = [];

    /// <summary>While positive, every call (of <see cref="FailOnly"/>'s episode, if set) fails and decrements it.</summary>
    public int FailNext { get; set; }

    /// <summary>Limits <see cref="FailNext"/> and <see cref="RefuseForGood"/> to calls naming this text (e.g. a path).</summary>
    public string? FailOnly { get; set; }

    /// <summary>While set, calls fail as a permanent refusal (a locked thread, a missing permission).</summary>
    public bool RefuseForGood { get; set; }

    public async Task<ulong?> PostCardAsync(ReviewCard card, string operationKey, Func<ulong, Task> posted, CancellationToken cancellationToken)
    {
        Record($"post-card {card.Path}", operationKey);
        await posted(Interlocked.Increment(ref _nextId));
        return Interlocked.Increment(ref _nextId);
    }

    public Task UpdateCardAsync(ReviewCard card, string operationKey, CancellationToken cancellationToken)
    {
        Record($"update-card {card.Path} {card.State}", operationKey);
        return Task.CompletedTask;
    }

    public async Task PostClaimsAsync(ReviewCard card, IReadOnlyList<ReviewClaim> claims, string operationKey, Func<ClaimReceipt, Task> posted, CancellationToken cancellationToken)
    {
        Record($"post-claims {card.Path} {claims.Count}", operationKey);
        foreach (var claim in claims)
        {
            await posted(new ClaimReceipt(claim.Id, Interlocked.Increment(ref _nextId)));
        }
    }

    public Task UpdateClaimAsync(ReviewCard card, ReviewClaim claim, string operationKey, CancellationToken cancellationToken)
    {
        Record($"update-claim {card.Path} {claim.Number} {claim.Verdict}", operationKey);
        return Task.CompletedTask;
    }

    public Task PostNoticeAsync(ReviewCard card, ReviewNotice notice, string operationKey, CancellationToken cancellationToken)
    {
        Record($"notice {card.Path} {notice.Kind}", operationKey);
        return Task.CompletedTask;
    }

    public Task PostDigestAsync(ReviewDigest digest, string operationKey, CancellationToken cancellationToken)
    {
        Record($"digest {digest.Items.Count}", operationKey);
        return Task.CompletedTask;
    }

    public Task PostAlertAsync(AdminAlert alert, string operationKey, CancellationToken cancellationToken)
    {
        Record($"alert {alert.Text}", operationKey);
        return Task.CompletedTask;
    }

    /// <summary>A copy of the calls so far, safe to take while the dispatcher runs on another thread.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (Calls)
        {
            return Calls.ToList();
        }
    }

    private void Record(string call, string key)
    {
        lock (Calls)
        {
            var targeted = (FailOnly is null || call.Contains(FailOnly, StringComparison.Ordinal)) && !call.StartsWith("alert ", StringComparison.Ordinal);
            if (targeted && RefuseForGood)
            {
                throw new PermanentDeliveryException($"refused for good ({call})");
            }
            if (targeted && FailNext > 0)
            {
                FailNext--;
                throw new HttpRequestException($"review channel unavailable ({call})");
            }
            Calls.Add(call);
            Keys.Add(key);
        }
    }
}
