using EditorialBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Cluster;

/// <summary>
/// Exactly one live bot per database. Registered as the first hosted service of <c>run</c>: its start
/// waits until this process holds the gateway lease, so the publish recovery, the scheduler, the
/// gateway, the desk and the outbox delivery (all started after it) run on the holder only, and a
/// standby is a process waiting here. The holder renews every <see cref="ClusterOptions.Renew"/>.
/// When it cannot (the lease was taken over after a pause, or the database stayed away too long) it
/// closes the Discord gate first — every REST call and gateway frame checks <see cref="IsHeld"/> — and
/// then stops the process (<see cref="SteppedDown"/>), for its supervisor to start it again as a standby.
/// </summary>
internal sealed class GatewayLease(
    IDbContextFactory<EditorialDbContext> dbs,
    IOptions<StorageOptions> storage,
    IOptions<ClusterOptions> cluster,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<GatewayLease> log) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan s_watch = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_takeOverSlack = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Func<Task>> _onLoss = [];
    private Task _keeper = Task.CompletedTask;
    private long _term;
    private long _validUntil;
    private int _held;
    private int _steppedDown;

    private ClusterOptions Options => cluster.Value;

    public string InstanceId => Options.Instance;

    /// <summary>True once this process lost the lease and stopped itself (its exit code says so, for a supervisor to start it again as a standby).</summary>
    public bool SteppedDown => Volatile.Read(ref _steppedDown) == 1;

    /// <summary>
    /// True while this process holds the lease by its own monotonic clock: a renewal that started at t
    /// counts until t + lease − margin, so after a pause (SIGSTOP, a long GC, a frozen VM) this turns
    /// false before any other code of the process runs again.
    /// </summary>
    public bool IsHeld => Volatile.Read(ref _held) == 1 && time.GetTimestamp() < Volatile.Read(ref _validUntil);

    /// <summary>Work to do first when the lease is lost (the gateway's close), before the host stops.</summary>
    public void OnLoss(Func<Task> stepDown)
    {
        lock (_onLoss)
        {
            _onLoss.Add(stepDown);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The lease row comes with the schema: a fresh database is migrated before it is contended for.
        await EditorialDatabase.MigrateAsync(storage.Value, cancellationToken);
        string? lastHolder = null;
        var wait = Options.Renew;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var attemptAt = time.GetTimestamp();
            try
            {
                await using var db = await dbs.CreateDbContextAsync(cancellationToken);
                if (await LeaseRules.TryTakeAsync(db, Lease.Gateway, Options.Instance, time.GetUtcNow(), Options.Lease, cancellationToken) is { } term)
                {
                    _term = term;
                    Volatile.Write(ref _validUntil, attemptAt + Ticks(Options.Lease - Options.SafetyMargin));
                    Volatile.Write(ref _held, 1);
                    // A first take on a cold, loaded process can outlast the lease's local validity; confirm it
                    // before anything starts (the renewal is fenced by the term, so it only succeeds if nobody took over).
                    if (!IsHeld && !await ConfirmAsync(db, cancellationToken))
                    {
                        Volatile.Write(ref _held, 0);
                        log.LogWarning("Instance {Instance} took the gateway lease too slowly to use it; trying again", Options.Instance);
                        await Task.Delay(Options.Renew, time, cancellationToken);
                        continue;
                    }
                    log.LogInformation("Instance {Instance} holds the gateway lease (term {Term}); starting the gateway, desk, scheduler and outbox delivery", Options.Instance, term);
                    _keeper = Task.Run(() => KeepAsync(_stopping.Token), CancellationToken.None);
                    return;
                }
                var holder = await LeaseRules.ReadAsync(db, Lease.Gateway, cancellationToken);
                if (holder?.Owner != lastHolder)
                {
                    lastHolder = holder?.Owner;
                    log.LogInformation("Instance {Instance} standing by: the gateway lease is held by {Holder} until {Until:u}", Options.Instance, holder?.Owner, holder?.ExpiresAt);
                }
                wait = StandbyWait(holder);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                log.LogWarning("Instance {Instance} could not reach the database to take the gateway lease: {Error}", Options.Instance, ex.Message);
                wait = Options.Renew;
            }
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>
    /// Until the held lease would expire (if its holder stopped renewing), at most <see cref="ClusterOptions.Renew"/>:
    /// a dead holder's lease is taken as soon as it runs out rather than up to a renewal period later.
    /// </summary>
    private TimeSpan StandbyWait(Lease? holder)
    {
        var untilExpiry = (holder?.ExpiresAt ?? DateTimeOffset.MinValue) - time.GetUtcNow() + s_takeOverSlack;
        return untilExpiry < s_takeOverSlack ? s_takeOverSlack : untilExpiry > Options.Renew ? Options.Renew : untilExpiry;
    }

    private async Task KeepAsync(CancellationToken stopping)
    {
        var nextRenewal = time.GetTimestamp() + Ticks(Options.Renew);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(s_watch, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!IsHeld)
            {
                // The gate is already closed (IsHeld is false): nothing reaches Discord while we find out
                // whether anybody took over. Only an unchanged term lets us go on.
                if (!await TryConfirmAsync(stopping))
                {
                    await StepDownAsync("it was not renewed in time and another instance may have taken it (a pause, or the database was unreachable)");
                    return;
                }
                nextRenewal = time.GetTimestamp() + Ticks(Options.Renew);
                continue;
            }
            if (time.GetTimestamp() < nextRenewal)
            {
                continue;
            }
            var attemptAt = time.GetTimestamp();
            nextRenewal = attemptAt + Ticks(Options.Renew);
            try
            {
                await using var db = await dbs.CreateDbContextAsync(stopping);
                if (!await LeaseRules.RenewAsync(db, Lease.Gateway, Options.Instance, _term, time.GetUtcNow(), Options.Lease, stopping))
                {
                    await StepDownAsync("another instance took it over");
                    return;
                }
                // A renewal that took long still counts from when it started.
                Volatile.Write(ref _validUntil, attemptAt + Ticks(Options.Lease - Options.SafetyMargin));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Keep trying until the lease runs out locally; a short database outage costs nothing.
                log.LogWarning("Renewing the gateway lease failed: {Error}", ex.Message);
                nextRenewal = time.GetTimestamp() + Ticks(s_watch * 4);
            }
        }
    }

    private async Task<bool> TryConfirmAsync(CancellationToken stopping)
    {
        try
        {
            await using var db = await dbs.CreateDbContextAsync(stopping);
            if (await ConfirmAsync(db, stopping))
            {
                log.LogWarning("Instance {Instance}: the gateway lease lapsed locally but nobody took it over; renewed", Options.Instance);
                return true;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            log.LogWarning("Confirming the lapsed gateway lease failed: {Error}", ex.Message);
        }
        return false;
    }

    /// <summary>A renewal fenced by our term: true when nobody took the lease since we last held it.</summary>
    private async Task<bool> ConfirmAsync(EditorialDbContext db, CancellationToken cancellationToken)
    {
        var attemptAt = time.GetTimestamp();
        if (!await LeaseRules.RenewAsync(db, Lease.Gateway, Options.Instance, _term, time.GetUtcNow(), Options.Lease, cancellationToken))
        {
            return false;
        }
        Volatile.Write(ref _validUntil, attemptAt + Ticks(Options.Lease - Options.SafetyMargin));
        return IsHeld;
    }

    private async Task StepDownAsync(string why)
    {
        if (Interlocked.Exchange(ref _held, 0) == 0)
        {
            return;
        }
        log.LogCritical("Instance {Instance} lost the gateway lease: {Why}. Closing the gateway and stepping down", Options.Instance, why);
        Func<Task>[] first;
        lock (_onLoss)
        {
            first = [.. _onLoss];
        }
        foreach (var stepDown in first)
        {
            try
            {
                await stepDown();
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Stepping down failed");
            }
        }
        Volatile.Write(ref _steppedDown, 1);
        lifetime.StopApplication();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _keeper;
        if (Interlocked.Exchange(ref _held, 0) == 1)
        {
            try
            {
                await using var db = await dbs.CreateDbContextAsync(cancellationToken);
                await LeaseRules.ReleaseAsync(db, Lease.Gateway, Options.Instance, _term, cancellationToken);
                log.LogInformation("Instance {Instance} released the gateway lease", Options.Instance);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning("Could not release the gateway lease (it expires by itself): {Error}", ex.Message);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
