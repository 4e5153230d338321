namespace EditorialBot.Workflow.Channel;

/// <summary>
/// The channel refused an operation for good: repeating it cannot succeed until someone changes something (unlocks the
/// thread, gives the permission back). The dispatcher parks the outbox message instead of retrying it forever.
/// </summary>
public sealed class PermanentDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The channel asks to try again no sooner than <see cref="RetryAfter"/> (e.g. too many edits to old messages).</summary>
public sealed class DeliveryDeferredException(string message, TimeSpan retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
