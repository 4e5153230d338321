using System.CommandLine;
using EditorialBot.Bot.Cluster;
using EditorialBot.Bot.Desk;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Hosting;
using EditorialBot.Bot.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EditorialBot.Bot.Cli;

/// <summary><c>run</c>: the bot itself — Discord gateway and slash commands, the scheduler, the outbox delivery.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        Command command = new("run", "Run the bot: Discord review desk, scheduled sweeps and reminders.");
        command.SetAction((_, cancellationToken) => RunAsync(context, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        if (context.Options<DiscordOptions>() is not { } discord)
        {
            return ExitCodes.Usage;
        }
        var problems = discord.MissingForDesk().ToList();
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
        using var host = BotHost.Build(context.Configuration, services => AddRunServices(services, context.Configuration));
        // Resolved before running: RunAsync disposes the host's services when it returns.
        var lease = host.Services.GetRequiredService<GatewayLease>();
        var outcome = host.Services.GetRequiredService<DeskOutcome>();
        await host.RunAsync(cancellationToken);
        if (lease.SteppedDown)
        {
            // Another instance holds the gateway lease now; a supervisor starts this one again as a standby.
            return ExitCodes.SteppedDown;
        }
        if (outcome.Failure is { } failure)
        {
            // Discord refused the bot for good (a bad token, a disallowed intent): a configuration problem, said once.
            context.Error.WriteLine($"error: {failure}");
            return ExitCodes.Usage;
        }
        return ExitCodes.Success;
    }

    /// <summary>What <c>run</c> adds to the bot's host: the Discord desk, and the web server when Web:Urls is set.</summary>
    public static void AddRunServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddEditorialDesk(configuration);
        services.AddEditorialWeb(configuration);
    }
}
