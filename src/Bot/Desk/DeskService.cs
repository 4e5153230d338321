using System.Threading.Channels;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Gateway;
using EditorialBot.Bot.Discord.Rest;
using EditorialBot.Workflow.Claims;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Desk;

/// <summary>
/// Runs the review desk: starts the gateway, registers the slash commands on every new session, answers
/// interactions concurrently (each has its own 3 s deadline), applies reactions one at a time in arrival order,
/// and reconciles reactions after a session that could not be resumed. A fatal gateway close stops the bot.
/// </summary>
internal sealed class DeskService(
    DiscordGateway gateway,
    DiscordRestClient rest,
    InteractionDispatcher interactions,
    ReactionHandler reactions,
    IOptions<DiscordOptions> options,
    DeskOutcome outcome,
    ILogger<DeskService> log) : BackgroundService
{
    private readonly Channel<GatewayEvent> _reactionWork = Channel.CreateUnbounded<GatewayEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<Task> _inFlight = [];
    private CancellationTokenSource? _reconcile;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // SQLite blocks its caller's thread while another writer holds the lock (a sweep batch, the outbox): with the
        // pool's default minimum (one thread per core) a few such waits would delay every interaction's answer past
        // Discord's 3 s while the pool slowly adds threads. Let it add them at once.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), io);
        gateway.Start();
        _ = WatchGatewayAsync(stoppingToken);
        _ = ForwardAlertsAsync(stoppingToken);
        var reactionLoop = Task.Run(() => ReactionLoopAsync(stoppingToken), stoppingToken);
        try
        {
            await foreach (var ev in gateway.Events.ReadAllAsync(stoppingToken))
            {
                switch (ev)
                {
                    case InteractionCreatedEvent created:
                        Track(interactions.HandleAsync(created.Interaction, created.ReceivedAt, stoppingToken));
                        break;
                    case ReadyEvent or ReactionAddedEvent or ReactionRemovedEvent:
                        await _reactionWork.Writer.WriteAsync(ev, stoppingToken);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (DiscordGatewayFatalException ex)
        {
            // The event stream ends with the same fault as the gateway: stop the bot with the reason, not a crash.
            Fatal(ex);
        }
        _reactionWork.Writer.TryComplete();
        await Task.WhenAll([reactionLoop, .. Snapshot()]).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await gateway.StopAsync();
        await base.StopAsync(cancellationToken);
    }

    private async Task ReactionLoopAsync(CancellationToken stoppingToken)
    {
        await foreach (var ev in _reactionWork.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                switch (ev)
                {
                    case ReadyEvent:
                        await RegisterCommandsAsync(stoppingToken);
                        StartReconcile(stoppingToken);
                        break;
                    case ReactionAddedEvent added:
                        await reactions.AddedAsync(added.Reaction, gateway.CurrentUser?.Id, stoppingToken);
                        break;
                    case ReactionRemovedEvent removed:
                        await reactions.RemovedAsync(removed.Reaction, stoppingToken);
                        break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad event must not stop the desk; the next READY reconciles what was missed.
                log.LogError(ex, "Handling {Event} failed", ev.GetType().Name);
            }
        }
    }

    /// <summary>Reconciles reactions beside the live ones (never holding them up); a newer session's reconcile replaces an older one's.</summary>
    private void StartReconcile(CancellationToken stoppingToken)
    {
        _reconcile?.Cancel();
        var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _reconcile = run;
        Track(Task.Run(async () =>
        {
            try
            {
                await reactions.ReconcileAsync(gateway.CurrentUser?.Id, run.Token);
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                // The next new session tries again; live reactions go on meanwhile.
                log.LogError(ex, "Reconciling reactions failed");
            }
        }, CancellationToken.None));
    }

    private async Task RegisterCommandsAsync(CancellationToken cancellationToken)
    {
        if (gateway.ApplicationId is not { } application)
        {
            return;
        }
        try
        {
            var registered = await rest.BulkOverwriteGuildCommandsAsync(application, options.Value.GuildId, interactions.Definitions, cancellationToken);
            log.LogInformation("Registered {Count} slash commands in guild {GuildId}", registered.Count, options.Value.GuildId);
        }
        catch (Exception ex) when (ex is DiscordApiException or DiscordLimitException or HttpRequestException)
        {
            // Without commands the buttons and reactions still work: log it and go on to reconcile the reactions.
            log.LogError(ex, "Registering the slash commands in guild {GuildId} failed (does the bot have the applications.commands scope?)", options.Value.GuildId);
        }
    }

    // The REST client's health alerts (invalid-request budget, Cloudflare bans) go to the admins in the review channel.
    // While the client pauses, the post simply waits for the pause to end.
    private async Task ForwardAlertsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var alert in rest.Alerts.ReadAllAsync(stoppingToken))
            {
                var admins = options.Value.AdminRoleIds.Select(static id => (Snowflake)id).ToList();
                var mentions = string.Concat(admins.Select(static id => $"<@&{id}> "));
                try
                {
                    await rest.CreateMessageAsync(options.Value.ReviewChannelId,
                        new Discord.Models.MessageCreate(TextFit.Truncate($"{mentions}⚠️ {alert}", DiscordLimits.Content), AllowedMentions: Discord.Models.AllowedMentions.Only(roles: admins)), stoppingToken);
                }
                catch (Exception ex) when (ex is DiscordApiException or DiscordLimitException or HttpRequestException)
                {
                    log.LogError(ex, "Could not tell the admins: {Alert}", alert);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WatchGatewayAsync(CancellationToken stoppingToken)
    {
        try
        {
            await gateway.Completion.WaitAsync(stoppingToken);
        }
        catch (DiscordGatewayFatalException ex)
        {
            Fatal(ex);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Fatal(DiscordGatewayFatalException ex)
    {
        if (outcome.Failure is not null)
        {
            return;
        }
        log.LogCritical("Discord closed the gateway for good ({CloseCode}: {Reason}). Fix the configuration and start the bot again.", ex.CloseCode, ex.Reason);
        outcome.Fail(ex.CloseCode == 4004
            ? $"Discord refused the bot token ({ex.Reason}): set Discord:Token to the bot's token (Developer Portal, your application, Bot, Reset Token), then check with 'editorialbot doctor'."
            : $"Discord closed the gateway for good ({ex.CloseCode}: {ex.Reason}): fix the application's settings in the Developer Portal or the Discord section, then check with 'editorialbot doctor'.");
    }

    private void Track(Task task)
    {
        lock (_inFlight)
        {
            _inFlight.Add(task);
        }
        _ = task.ContinueWith(t =>
        {
            lock (_inFlight)
            {
                _inFlight.Remove(t);
            }
        }, TaskScheduler.Default);
    }

    private Task[] Snapshot()
    {
        lock (_inFlight)
        {
            return [.. _inFlight];
        }
    }
}
