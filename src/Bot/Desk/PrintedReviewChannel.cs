using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Bot.Desk;

/// <summary>
/// The review channel on a terminal, for <c>sweep --dry-run</c>: each message the Discord desk would send, built by the
/// same <see cref="DeskRenderer"/> calls as <see cref="DiscordReviewChannel"/>, printed instead of sent. The outbox
/// delivers episodes in parallel, so the messages are kept per episode and <see cref="Flush"/> prints them together,
/// episodes by path, then what went to the review channel itself.
/// </summary>
internal sealed class PrintedReviewChannel(TextWriter output, int maxClaims, LineLinks links) : IReviewChannel
{
    private readonly SortedDictionary<string, StringWriter> _episodes = new(StringComparer.Ordinal);
    private readonly StringWriter _channel = new();
    private int _posted;

    public int Posted => Volatile.Read(ref _posted);

    /// <summary>Prints what was delivered since the last flush.</summary>
    public void Flush()
    {
        lock (_episodes)
        {
            foreach (var text in _episodes.Values)
            {
                output.Write(text.ToString());
            }
            output.Write(_channel.ToString());
            _episodes.Clear();
            _channel.GetStringBuilder().Clear();
        }
    }

    private void Print(ReviewCard? card, Action<TextWriter> write)
    {
        StringWriter text = new();
        write(text);
        lock (_episodes)
        {
            var target = card is null ? _channel : _episodes.TryGetValue(card.Path, out var kept) ? kept : _episodes[card.Path] = new StringWriter();
            target.Write(text.ToString());
        }
    }

    public Task<ulong?> PostCardAsync(ReviewCard card, string operationKey, Func<ulong, Task> posted, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _posted);
        Print(card, o =>
        {
            o.WriteLine($"── new card: {card.DisplayTitle}");
            WriteCard(o, card, maxClaims, links);
        });
        return Task.FromResult<ulong?>(null);
    }

    public Task UpdateCardAsync(ReviewCard card, string operationKey, CancellationToken cancellationToken)
    {
        Print(card, o =>
        {
            o.WriteLine($"── card updated: {card.DisplayTitle}");
            o.WriteLine(DeskRenderer.Render(DeskRenderer.CardEdit(card, maxClaims, links)));
        });
        return Task.CompletedTask;
    }

    public async Task PostClaimsAsync(ReviewCard card, IReadOnlyList<ReviewClaim> claims, string operationKey, Func<ClaimReceipt, Task> posted, CancellationToken cancellationToken)
    {
        var check = claims.Count(static c => c.Tier == Storage.ClaimTier.Check);
        Print(card, o =>
        {
            o.WriteLine($"── claims ({claims.Count}: {check} must check, {claims.Count - check} optional) in the thread of {card.DisplayTitle}");
            WriteClaims(o, card, claims, links);
        });
        foreach (var claim in claims)
        {
            await posted(new ClaimReceipt(claim.Id, null));
        }
    }

    public Task UpdateClaimAsync(ReviewCard card, ReviewClaim claim, string operationKey, CancellationToken cancellationToken)
    {
        Print(card, o =>
        {
            o.WriteLine($"── claim {claim.Number} of {card.DisplayTitle} updated");
            o.WriteLine(DeskRenderer.Render(DeskRenderer.ClaimEdit(card, claim, links)));
        });
        return Task.CompletedTask;
    }

    public Task PostNoticeAsync(ReviewCard card, ReviewNotice notice, string operationKey, CancellationToken cancellationToken)
    {
        Print(card, o =>
        {
            o.WriteLine($"── in the thread of {card.DisplayTitle}");
            o.WriteLine(DeskRenderer.Render(DeskRenderer.NewNotice(notice, nonce: null)));
        });
        return Task.CompletedTask;
    }

    public Task PostDigestAsync(ReviewDigest digest, string operationKey, CancellationToken cancellationToken)
    {
        Print(null, o =>
        {
            o.WriteLine("── digest in the review channel");
            o.WriteLine(DeskRenderer.Render(DeskRenderer.NewDigest(digest, nonce: null)));
        });
        return Task.CompletedTask;
    }

    public Task PostAlertAsync(AdminAlert alert, string operationKey, CancellationToken cancellationToken)
    {
        Print(null, o =>
        {
            o.WriteLine("── alert in the review channel");
            o.WriteLine(DeskRenderer.Render(DeskRenderer.NewAlert(alert, nonce: null)));
        });
        return Task.CompletedTask;
    }

    /// <summary>The card message and the name of the thread started from it (also what the <c>card</c> verb prints).</summary>
    public static void WriteCard(TextWriter output, ReviewCard card, int maxClaims, LineLinks links)
    {
        output.Write(DeskRenderer.Render(DeskRenderer.NewCard(card, maxClaims, links, nonce: null)));
        output.WriteLine();
        output.WriteLine($"Thread: {DeskRenderer.ThreadName(card)}");
        output.WriteLine();
    }

    /// <summary>The thread's claim messages, in the order they are posted.</summary>
    public static void WriteClaims(TextWriter output, ReviewCard card, IReadOnlyList<ReviewClaim> claims, LineLinks links)
    {
        foreach (var (message, _, _) in DeskRenderer.NewClaims(card, claims, links))
        {
            output.WriteLine(DeskRenderer.Render(message));
        }
    }
}
