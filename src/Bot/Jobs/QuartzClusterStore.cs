using EditorialBot.Storage;
using Quartz;

namespace EditorialBot.Bot.Jobs;

/// <summary>
/// Where the schedule lives. SQLite: in memory (one process owns the database). PostgreSQL: Quartz's
/// clustered ADO.NET store in the shared database, so each fire time of a trigger is taken by one
/// scheduler of the cluster, and a fire time missed while every instance was down is caught up once.
/// </summary>
internal static class QuartzClusterStore
{
    public static void Use(IQuartzBuilder quartz, StorageOptions storage)
    {
        if (storage.Provider != StorageProvider.Postgres)
        {
            return;
        }
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(storage.ConnectionString!);
            store.UseSystemTextJsonSerializer();
            // Each node gets its own generated instance id (clustering requires distinct ones).
            store.UseClustering(c =>
            {
                c.CheckinInterval = TimeSpan.FromSeconds(7.5);
                c.CheckinMisfireThreshold = TimeSpan.FromSeconds(30);
            });
            // Quartz's own PostgreSQL script, run only for tables that are missing (safe when instances start together).
            store.ProvisionSchema();
        });
    }

    /// <summary>
    /// Every instance declares the same jobs at start; a redeclared trigger keeps the firing history of
    /// the stored one, so a restart neither re-fires a schedule nor forgets a fire time it missed.
    /// </summary>
    public static void KeepFireTimes(QuartzOptions options) => options.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true;
}
