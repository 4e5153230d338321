using System.CommandLine;
using Microsoft.Extensions.Options;

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
        var context = new CliContext(AppConfiguration.Build(overrides), stdout, stderr);

        RootCommand root = new("EditorialBot: the editorial review desk for episode notes.")
        {
            // One line per verb; each verb owns its options in its own file.
            ClaimsCommand.Create(context),
            ScanCommand.Create(context),
            DraftsCommand.Create(context),
            PublishCommand.Create(context),
            SweepCommand.Create(context),
            StatusCommand.Create(context),
            OutboxCommand.Create(context),
            DbCommand.Create(context),
            CardCommand.Create(context),
            RunCommand.Create(context),
            DoctorCommand.Create(context),
            InviteUrlCommand.Create(context),
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
        catch (Exception ex) when (ConfigurationProblems(ex) is { Count: > 0 } problems)
        {
            // The host validated its options at start: one line per problem, each naming the key and the fix.
            foreach (var problem in problems)
            {
                stderr.WriteLine($"error: {problem}");
            }
            return ExitCodes.Usage;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>The failures of start-up validation (one section's, or several sections' at once).</summary>
    internal static IReadOnlyList<string> ConfigurationProblems(Exception ex) => ex switch
    {
        OptionsValidationException one => [.. one.Failures],
        AggregateException many when many.InnerExceptions.All(static e => e is OptionsValidationException) =>
            [.. many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(static e => e.Failures)],
        _ => [],
    };
}
