using System.CommandLine;

namespace EditorialBot.Bot.Cli;

/// <summary>
/// Entry point of every verb. Arguments of the form <c>--Section:Key=value</c> are configuration
/// overrides (standard .NET command-line configuration) and are taken out before the verbs are parsed.
/// </summary>
internal static class CommandLine
{
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var (verbArgs, overrides) = AppConfiguration.SplitOverrides(args);

        RootCommand root = new("EditorialBot: the editorial review desk for episode notes.")
        {
            // One line per verb; each verb owns its options in its own file.
            ClaimsCommand.Create(),
            ScanCommand.Create(),
            DraftsCommand.Create(),
            PublishCommand.Create(),
            SweepCommand.Create(),
            StatusCommand.Create(),
            OutboxCommand.Create(),
            DbCommand.Create(),
            CardCommand.Create(),
            RunCommand.Create(),
            DoctorCommand.Create(),
            InviteUrlCommand.Create(),
        };

        var parse = root.Parse(verbArgs);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }
            stderr.WriteLine("Run 'editorialbot --help' for usage.");
            return ExitCodes.Usage;
        }

        CliContext.Current = new CliContext(AppConfiguration.Build(overrides), stdout, stderr);
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(invocation);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cancelled");
            return ExitCodes.Failure;
        }
        catch (EditorialBot.Storage.DatabaseUnusableException ex)
        {
            // Raised before anything was written: refused, with the file and what to do.
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.Refused;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
