using System.CommandLine;
using System.Globalization;
using System.Numerics;
using EditorialBot.Bot.Desk;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace EditorialBot.Bot.Cli;

/// <summary><c>invite-url</c>: the OAuth2 link that adds the bot to a server with exactly the permissions it uses.</summary>
internal static class InviteUrlCommand
{
    /// <summary>The permissions the desk uses, each for a reason.</summary>
    public static readonly IReadOnlyList<(int Bit, string Name, string Why)> Permissions =
    [
        (6, "Add Reactions", "reactions are votes; the bot reads and may add them"),
        (10, "View Channel", "see the review channel"),
        (11, "Send Messages", "post review cards and the digest"),
        (14, "Embed Links", "cards are embeds"),
        (16, "Read Message History", "read reactions on older cards after downtime"),
        (35, "Create Public Threads", "one thread per card for its claims"),
        (38, "Send Messages in Threads", "claim messages and notices in the thread"),
    ];

    public static BigInteger PermissionBits => Permissions.Aggregate(BigInteger.Zero, static (sum, p) => sum | (BigInteger.One << p.Bit));

    public static string Url(ulong applicationId) => string.Create(CultureInfo.InvariantCulture,
        $"https://discord.com/oauth2/authorize?client_id={applicationId}&scope=bot%20applications.commands&permissions={PermissionBits}");

    public static Command Create(CliContext context)
    {
        Option<ulong?> application = new("--application-id") { Description = "The application id (default: Discord:ApplicationId, or asked from Discord with the token)." };
        Command command = new("invite-url", "Print the link that invites the bot to your server.") { application };
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(application), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ulong? applicationOption, CancellationToken cancellationToken)
    {
        var applicationId = applicationOption ?? context.Configuration.GetValue<ulong?>("Discord:ApplicationId");
        if (applicationId is null)
        {
            if (context.Options<DiscordOptions>() is not { } options)
            {
                return ExitCodes.Usage;
            }
            if (string.IsNullOrWhiteSpace(options.Token))
            {
                context.Error.WriteLine("Give --application-id (General Information page of your application) or set Discord__Token so the bot can ask Discord.");
                return ExitCodes.Usage;
            }
            using var rest = DiscordRestClient.Create(options, NullLogger<DiscordRestClient>.Instance, TimeProvider.System);
            applicationId = (await rest.GetCurrentApplicationAsync(cancellationToken)).Id.Value;
        }
        context.Out.WriteLine(Url(applicationId.Value));
        context.Error.WriteLine("Permissions: " + string.Join(", ", Permissions.Select(static p => p.Name)) + ". No privileged intents are needed.");
        return ExitCodes.Success;
    }
}
