using Microsoft.Extensions.Hosting;

namespace EditorialBot.Bot.Desk;

/// <summary>
/// Why the desk stopped the bot, if it did: it stops the host, and <c>run</c> reads the outcome from the host it ran
/// to choose its exit code (no process-wide state).
/// </summary>
internal sealed class DeskOutcome(IHostApplicationLifetime lifetime)
{
    public string? Failure { get; private set; }

    /// <summary>Records the first failure (one sentence naming what to fix) and stops the host.</summary>
    public void Fail(string reason)
    {
        Failure ??= reason;
        lifetime.StopApplication();
    }
}
