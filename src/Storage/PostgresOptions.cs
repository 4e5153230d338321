using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EditorialBot.Storage;

/// <summary>
/// The PostgreSQL side of <see cref="StorageOptions"/> and <see cref="EditorialDatabase.Configure(DbContextOptionsBuilder, StorageOptions)"/>,
/// in a type of its own: a SQLite process then never loads the Npgsql assemblies (about 2.5 MB resident), which it
/// did while their calls sat in methods SQLite runs too.
/// </summary>
internal static class PostgresOptions
{
    /// <summary>Npgsql's reason when <paramref name="connectionString"/> cannot be parsed; null when it can.</summary>
    public static string? CheckConnectionString(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    public static string WithoutPassword(string? connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ToString();

    public static void Configure(DbContextOptionsBuilder options, string? connectionString) =>
        // The model built at run time: the compiled one carries SQLite's store types, and a long-running
        // instance pays the build once.
        options.UseNpgsql(connectionString, o => o
            .MigrationsAssembly(EditorialDatabase.PostgresMigrationsAssembly)
            // A restart of the server (or a fail-over of its address) takes seconds: about half a minute of retries covers it.
            .EnableRetryOnFailure(maxRetryCount: 8, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null));
}
