using System.CommandLine;
using EditorialBot.Bot.Cluster;
using EditorialBot.Bot.Desk;
using EditorialBot.Bot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EditorialBot.Bot.Cli;

/// <summary><c>run</c>: the bot itself — Discord gateway and slash commands, the scheduler, the outbox delivery.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        Command command = new("run", "Run the bot: Discord review desk, scheduled sweeps and reminders.");
        command.SetAction((_, cancellationToken) => RunAsync(cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var context = CliContext.Current;
        var problems = DeskConfiguration.Problems(DeskConfiguration.Read(context.Configuration));
        if (problems.Count > 0)
        {
            context.Error.WriteLine("The bot cannot start until Discord is configured:");
            foreach (var problem in problems)
            {
                context.Error.WriteLine($"  - {problem}");
            }
            context.Error.WriteLine("Then check with 'editorialbot doctor'. See the README, 'Putting the bot on your Discord server'.");
            return ExitCodes.Usage;
        }
        using var host = BotHost.Build(context.Configuration, services => services.AddDesk(context.Configuration));
        // RunAsync disposes the host: take what the exit code needs first.
        var lease = host.Services.GetService<GatewayLease>();
        await host.RunAsync(cancellationToken);
        if (lease is { SteppedDown: true })
        {
            return ExitCodes.SteppedDown;
        }
        return Environment.ExitCode == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
