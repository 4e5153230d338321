using System.CommandLine;
using EditorialBot.Bot.Desk;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Bot.Discord.Rest;
using EditorialBot.Bot.Hosting;
using EditorialBot.Bot.Web;
using EditorialBot.Storage;
using EditorialBot.Storage.Configuration;
using EditorialBot.Workflow.Content;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Cli;

/// <summary><c>doctor</c>: one line per check, from configuration to the bot's permissions in the review channel.</summary>
internal static class DoctorCommand
{
    public static Command Create(CliContext context)
    {
        Command command = new("doctor", "Check configuration, content, database and the Discord set-up, one line per check.");
        command.SetAction((_, cancellationToken) => RunAsync(context, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var failures = 0;
        void Report(bool ok, string check, string detail)
        {
            failures += ok ? 0 : 1;
            context.Out.WriteLine($"{(ok ? "ok  " : "FAIL")}  {check,-13} {detail}");
        }

        var options = ValidatedOptions.Read<DiscordOptions>(context.Configuration, out _);
        var invalid = ConfigurationProblems(context);
        List<string> problems = [.. invalid, .. options.MissingForDesk()];
        if (problems.Count == 0)
        {
            Report(true, "configuration", "every setting valid, Discord settings present");
        }
        foreach (var problem in problems)
        {
            Report(false, "configuration", problem);
        }

        var content = ValidatedOptions.Read<ContentOptions>(context.Configuration, out _);
        var notes = Directory.Exists(content.FullRoot) ? ContentTree.Enumerate(content.FullRoot).Count() : -1;
        Report(notes >= 0, "content root", notes >= 0 ? $"{content.FullRoot}: {notes} notes" : $"{content.FullRoot} does not exist ({ContentOptions.RootKey})");

        if (invalid.Count > 0)
        {
            Report(false, "database", "not opened until the configuration above is fixed");
        }
        else
        {
            try
            {
                await using var session = await EngineSession.OpenAsync(context, dryRun: false, cancellationToken);
                Report(true, "database", $"{session.Database} migrated and writable");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Report(false, "database", ex.Message);
            }
        }

        if (string.IsNullOrWhiteSpace(options.Token))
        {
            Report(false, "discord", "skipped: no token");
            return ExitCodes.Failure;
        }
        using var rest = DiscordRestClient.Create(options, NullLogger<DiscordRestClient>.Instance, TimeProvider.System);
        var me = await Check(() => rest.GetCurrentUserAsync(cancellationToken), "token", u => $"logged in as {u.Username} ({u.Id})", Report);
        var roles = await Check(() => rest.GetGuildRolesAsync(options.GuildId, cancellationToken), "guild", r => $"{options.GuildId}: the bot is a member ({r.Count} roles)", Report);
        var channel = await Check(() => rest.GetChannelAsync(options.ReviewChannelId, cancellationToken), "channel",
            c => c.GuildId?.Value == options.GuildId ? $"#{c.Name} ({c.Id})" : throw new InvalidOperationException($"channel {c.Id} is not in guild {options.GuildId}"), Report);
        if (roles is null || me is null)
        {
            return ExitCodes.Failure;
        }
        var known = roles.Select(static r => r.Id.Value).ToHashSet();
        var missing = options.EditorRoleIds.Concat(options.AdminRoleIds).Where(id => !known.Contains(id)).ToList();
        Report(missing.Count == 0, "roles", missing.Count == 0
            ? $"{options.EditorRoleIds.Count} editor and {options.AdminRoleIds.Count} admin role(s) found"
            : $"not in the server: {string.Join(", ", missing)}");
        var member = await Check(() => rest.GetGuildMemberAsync(options.GuildId, me.Id, cancellationToken), "bot member", static m => $"{m.Roles.Count} role(s)", Report);
        if (member is not null && channel is not null)
        {
            // Server-level role permissions, then the review channel's overwrites for @everyone, the bot's roles and the
            // bot itself (threads inherit the channel's), as Discord computes them.
            var computed = ChannelPermissions.Compute(options.GuildId, roles, member, me.Id, channel);
            var lacking = InviteUrlCommand.Permissions.Where(p => !computed.Effective.Has(p.Bit)).ToList();
            var names = roles.ToDictionary(static r => r.Id, r => r.Id.Value == options.GuildId ? "@everyone" : r.Name);
            string Why(int bit)
            {
                if (!computed.ServerLevel.Has(bit))
                {
                    return "not granted to the bot's roles";
                }
                var denied = computed.Denying(bit).Select(o => o.Type == PermissionOverwrite.MemberType ? "the bot itself" : $"role {names.GetValueOrDefault(o.Id, o.Id.ToString())}").ToList();
                return denied.Count > 0 ? $"denied on #{channel.Name} for {string.Join(" and ", denied)}" : $"denied on #{channel.Name}";
            }
            Report(lacking.Count == 0, "permissions", lacking.Count == 0
                ? $"all the bot needs in #{channel.Name} (roles and channel overwrites)"
                : $"missing in #{channel.Name}: {string.Join("; ", lacking.Select(p => $"{p.Name} ({Why(p.Bit)})"))}");
        }
        return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>Every failure of the bot's start-up validation, across all sections at once.</summary>
    private static IReadOnlyList<string> ConfigurationProblems(CliContext context)
    {
        using var host = BotHost.Build(context.Configuration, services =>
        {
            services.AddDiscordClient(context.Configuration);
            services.AddEditorialWeb(context.Configuration);
        });
        try
        {
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (Exception ex) when (CommandLine.ConfigurationProblems(ex) is { Count: > 0 } problems)
        {
            return problems;
        }
    }

    private static async Task<T?> Check<T>(Func<Task<T>> call, string name, Func<T, string> describe, Action<bool, string, string> report) where T : class
    {
        try
        {
            var value = await call();
            report(true, name, describe(value));
            return value;
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            report(false, name, ex.Message);
            return null;
        }
    }
}
