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

    /// <summary>The throwaway cluster's data folder (<c>EDITORIALBOT_TEST_PG_DIR</c>, set by <c>.ci/postgres.sh</c>), for tests that restart the server.</summary>
    public static string? DataDirectory => Environment.GetEnvironmentVariable("EDITORIALBOT_TEST_PG_DIR") is { Length: > 0 } dir ? dir : null;

    /// <summary>
    /// Restarts the server (<c>pg_ctl restart -m fast</c>: every connection is cut) and waits until it accepts
    /// connections again. Runs as the cluster's owner, <c>postgres</c>, when the tests run as root.
    /// </summary>
    public static async Task RestartAsync()
    {
        var data = DataDirectory ?? throw new InvalidOperationException("restarting PostgreSQL needs EDITORIALBOT_TEST_PG_DIR (the cluster .ci/postgres.sh starts)");
        var bin = Environment.GetEnvironmentVariable("EDITORIALBOT_TEST_PG_BIN") is { Length: > 0 } b ? b : "/usr/lib/postgresql/15/bin";
        var log = Path.Combine(Path.GetDirectoryName(data)!, "server.log");
        var root = Environment.UserName == "root";
        var info = new System.Diagnostics.ProcessStartInfo(root ? "runuser" : Path.Combine(bin, "pg_ctl")) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (root)
        {
            foreach (var arg in new[] { "-u", "postgres", "--", Path.Combine(bin, "pg_ctl") })
            {
                info.ArgumentList.Add(arg);
            }
        }
        foreach (var arg in new[] { "-D", data, "-l", log, "-m", "fast", "-w", "-t", "120", "restart" })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl restart failed ({process.ExitCode}): {await output} {await error}");
        }
    }

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

/// <summary>A test that restarts the PostgreSQL server: needs the throwaway cluster (skipped without it, except under CI).</summary>
public sealed class PostgresRestartFactAttribute : FactAttribute
{
    public PostgresRestartFactAttribute()
    {
        if ((!TestPostgres.IsConfigured || TestPostgres.DataDirectory is null) && !TestPostgres.InCi)
        {
            Skip = "restarting PostgreSQL needs " + TestPostgres.Variable + " and EDITORIALBOT_TEST_PG_DIR (the throwaway cluster .ci/run starts)";
        }
    }
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
