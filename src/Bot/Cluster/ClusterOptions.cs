using EditorialBot.Storage.Configuration;

namespace EditorialBot.Bot.Cluster;

/// <summary>
/// Configuration section <c>Cluster</c>: how bot processes sharing one PostgreSQL database agree on which
/// of them is live (holds the gateway lease). The defaults let a standby take over within about 20 s of a
/// crash. With SQLite there is one process per database file and the lease is held at once.
/// </summary>
internal sealed class ClusterOptions : IValidatedOptions
{
    private readonly string _generatedId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("n")[..6]}";

    public static string Section => "Cluster";

    /// <summary>This process's name in the lease; empty: host name, process id and a random suffix. Must differ between live instances.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>How long a lease lasts without renewal.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the holder renews and a standby tries to take over.</summary>
    public TimeSpan Renew { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><see cref="InstanceId"/>, or the generated one.</summary>
    public string Instance => string.IsNullOrWhiteSpace(InstanceId) ? _generatedId : InstanceId;

    /// <summary>
    /// The holder treats its lease as gone this long before it expires in the database, so that a slightly
    /// slow clock here or fast clock on a standby never gives two live holders.
    /// </summary>
    public TimeSpan SafetyMargin => Lease / 5;

    public IEnumerable<string> Problems()
    {
        if (Lease < TimeSpan.FromSeconds(1) || Lease > TimeSpan.FromHours(1))
        {
            yield return $"Cluster:Lease is {Lease}: set it between 00:00:01 and 01:00:00, such as 00:00:15.";
        }
        if (Renew <= TimeSpan.Zero || Renew * 3 > Lease)
        {
            yield return $"Cluster:Renew is {Renew}: set it above zero and at most a third of Cluster:Lease ({Lease}), such as 00:00:05, so one missed renewal does not lose the lease.";
        }
        if (InstanceId.Length > 200)
        {
            yield return "Cluster:InstanceId is longer than 200 characters: use a short name such as the host name.";
        }
    }
}
