using EditorialBot.Bot.Hosting;
using EditorialBot.Storage;
using EditorialBot.Storage.Configuration;
using EditorialBot.Workflow.Publishing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Cli;

/// <summary>
/// The engine for one command-line verb: the host's services (without the scheduler) over a
/// migrated database, started so that its options are validated. A dry run works on a throwaway copy, so the
/// real file is never written (nor created).
/// </summary>
internal sealed class EngineSession : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string? _throwaway;

    private EngineSession(IHost host, StorageOptions database, string? throwaway)
    {
        _host = host;
        Database = database;
        _throwaway = throwaway;
    }

    /// <summary>The database the session works on (the throwaway copy on a dry run).</summary>
    public StorageOptions Database { get; }
    public IServiceProvider Services => _host.Services;

    /// <summary>Opens the engine over <paramref name="context"/>'s configuration (with the verb's <c>--db</c> and <c>--content</c> already applied).</summary>
    public static async Task<EngineSession> OpenAsync(CliContext context, bool dryRun, CancellationToken cancellationToken)
    {
        var storage = ValidatedOptions.Read<StorageOptions>(context.Configuration, out var problems);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions), problems);
        }
        var path = storage.Database;
        string? throwaway = null;
        if (dryRun)
        {
            // A shared PostgreSQL database is never copied: its dry run starts from an empty throwaway SQLite file.
            throwaway = Path.Combine(Path.GetTempPath(), $"editorialbot-dry-run-{Guid.NewGuid():n}.db");
            var sqlite = storage.Provider == StorageProvider.Sqlite;
            if (sqlite && File.Exists(path) && !File.Exists(path + "-wal"))
            {
                // A closed database is one file: copying it opens nothing (opening would create -wal/-shm beside it).
                File.Copy(path, throwaway);
            }
            else if (sqlite && File.Exists(path))
            {
                // In use (or left by a crash): SQLite's backup API reads it, WAL included, without changing its content.
                using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = throwaway, Pooling = false }.ToString());
                source.Open();
                target.Open();
                source.BackupDatabase(target);
            }
        }
        var database = throwaway is null ? storage : StorageOptions.Sqlite(throwaway);
        var configuration = context.Configuration;
        // A dry run changes nothing, content included: a sweep must not publish what passed review meanwhile.
        var effective = context.With(("Storage:Provider", throwaway is null ? null : nameof(StorageProvider.Sqlite)), ("Storage:Database", database.Database), ("Review:AutoPublish", dryRun ? "false" : null),
            ("Logging:LogLevel:Default", configuration["Logging:LogLevel:Default"] is { Length: > 0 } level && level != "Information" ? level : "Warning")).Configuration;
        var host = BotHost.Build(effective, withJobs: false);
        var session = new EngineSession(host, database, throwaway);
        try
        {
            // Starting validates every options section, before the database is created or migrated.
            await host.StartAsync(cancellationToken);
            await EditorialDatabase.MigrateAsync(database, cancellationToken);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
        if (!dryRun)
        {
            foreach (var line in await host.Services.GetRequiredService<EpisodePublisher>().RecoverAsync(cancellationToken))
            {
                context.Error.WriteLine($"recovered: {line}");
            }
        }
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
        if (_throwaway is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _throwaway, _throwaway + "-wal", _throwaway + "-shm" })
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // A temp file; the OS cleans it up.
                }
            }
        }
    }
}
