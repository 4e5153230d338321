using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace EditorialBot.Bot.Cluster;

/// <summary>
/// The <c>Cluster</c> section: how bot processes sharing one database agree on which of them is live
/// (holds the gateway lease). The defaults let a standby take over within about 20 s of a crash.
/// </summary>
internal sealed record ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary><c>Cluster:InstanceId</c>: this process's name in the lease (default: host name, process id and a random suffix).</summary>
    public string InstanceId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("n")[..6]}";

    /// <summary><c>Cluster:LeaseSeconds</c>: how long a lease lasts without renewal.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary><c>Cluster:RenewSeconds</c>: how often the holder renews and a standby tries to take over.</summary>
    public TimeSpan Renew { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The holder treats its lease as gone this long before it expires in the database, so that a slightly
    /// slow clock here or fast clock on a standby never gives two live holders.
    /// </summary>
    public TimeSpan SafetyMargin => Lease / 5;

    public static ClusterOptions Read(IConfiguration configuration)
    {
        var defaults = new ClusterOptions();
        var options = new ClusterOptions
        {
            InstanceId = configuration["Cluster:InstanceId"] is { Length: > 0 } id ? id : defaults.InstanceId,
            Lease = Seconds(configuration, "Cluster:LeaseSeconds", defaults.Lease),
            Renew = Seconds(configuration, "Cluster:RenewSeconds", defaults.Renew),
        };
        if (options.Renew * 2 >= options.Lease - options.SafetyMargin)
        {
            throw new InvalidOperationException($"Cluster:RenewSeconds ({options.Renew.TotalSeconds}) must be well under Cluster:LeaseSeconds ({options.Lease.TotalSeconds}): at most a third of it, so one missed renewal does not lose the lease");
        }
        if (options.InstanceId.Length > 200)
        {
            throw new InvalidOperationException("Cluster:InstanceId is longer than 200 characters");
        }
        return options;
    }

    private static TimeSpan Seconds(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0.2 && seconds <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"{key} must be a number of seconds from 0.2 to 3600 (got '{raw}')");
    }
}
