namespace EditorialBot.Storage;

/// <summary>
/// Raised after a commit that queued outbox work (by <see cref="OutboxSignalInterceptor"/>), so the delivery loop
/// wakes without any call site having to remember to wake it. Work queued by another process is found by polling.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _raised = new(0, int.MaxValue);

    public void Raise() => _raised.Release();

    /// <summary>Waits until raised or until <paramref name="timeout"/>; returns whether it was raised.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _raised.WaitAsync(timeout, cancellationToken);
}
