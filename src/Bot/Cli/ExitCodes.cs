namespace EditorialBot.Bot.Cli;

/// <summary>The process exit codes of the command-line contract.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    /// <summary>The operation would not be safe; nothing was changed.</summary>
    public const int Refused = 3;
    /// <summary>EX_TEMPFAIL: <c>run</c> lost the gateway lease to another instance and stopped; start it again (it stands by).</summary>
    public const int SteppedDown = 75;
}
