namespace EditorialBot.Bot.Discord;

/// <summary>
/// Whether this process may speak for the bot at all. Checked before every REST request and every
/// gateway frame sent or dispatched: of several processes sharing one token only the gateway-lease
/// holder is open, and a holder that lost its lease is closed before anything else it does.
/// </summary>
internal sealed class DiscordSendGate(Func<bool> isOpen)
{
    public bool IsOpen => isOpen();

    public void ThrowIfClosed()
    {
        if (!isOpen())
        {
            throw new DiscordGateClosedException();
        }
    }
}

/// <summary>This process does not hold the gateway lease, so it must not talk to Discord.</summary>
internal sealed class DiscordGateClosedException() : InvalidOperationException("this instance does not hold the gateway lease; another instance speaks for the bot");
