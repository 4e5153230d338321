using Npgsql;

namespace EditorialBot.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use: <c>EDITORIALBOT_TEST_POSTGRES</c> is an admin connection string
/// (<c>.ci/run</c> starts a throwaway cluster and sets it). Each test gets its own database, dropped
/// afterwards. When the variable is set the server must answer: an unreachable server fails the tests,
/// it never skips them.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "EDITORIALBOT_TEST_POSTGRES";
    public const string SkipReason = "PostgreSQL tests need " + Variable + " (an admin connection string; .ci/run starts a server and sets it)";

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsConfigured => AdminConnectionString is not null;

    /// <summary>Under CI PostgreSQL is never optional.</summary>
    public static bool InCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && !ci.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>A new, empty database; returns its connection string.</summary>
    public static string CreateDatabase()
    {
        var admin = AdminConnectionString ?? throw new InvalidOperationException(SkipReason);
        var name = $"ebt_{Guid.NewGuid():n}";
        try
        {
            using var connection = new NpgsqlConnection(admin);
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException($"{Variable} is set but PostgreSQL at '{Describe(admin)}' is unreachable: {ex.Message}", ex);
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 20 }.ToString();
    }

    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        try
        {
            using var connection = new NpgsqlConnection(AdminConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The throwaway cluster is removed after the run anyway.
        }
    }

    private static string Describe(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ToString();
}

/// <summary>
/// A test that needs PostgreSQL: skipped when <see cref="TestPostgres.Variable"/> is unset, except under CI
/// (<c>CI</c> set, as CI services and <c>.ci/run</c> do), where it runs and fails on the missing server.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestPostgres.IsConfigured && !TestPostgres.InCi)
        {
            Skip = TestPostgres.SkipReason;
        }
    }
}
