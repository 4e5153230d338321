using System.CommandLine;
using EditorialBot.Storage;

namespace EditorialBot.Bot.Cli;

/// <summary><c>db migrate [--db FILE]</c> and <c>db backup FILE [--db FILE]</c>: database maintenance on either provider.</summary>
internal static class DbCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> db = new("--db") { Description = "The SQLite database file (default: Storage:Database, data/editorial.db)." };
        Command migrate = new("migrate", "Create the database or apply pending migrations (SQLite or PostgreSQL, per Storage:Provider).") { db };
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            if (context.With(("Storage:Database", parse.GetValue(db))).Options<StorageOptions>() is not { } storage)
            {
                return ExitCodes.Usage;
            }
            var applied = await EditorialDatabase.MigrateAsync(storage, cancellationToken);
            context.Error.WriteLine(applied.Count == 0 ? $"{storage}: up to date" : $"{storage}: applied {string.Join(", ", applied)}");
            return ExitCodes.Success;
        });

        Argument<string> file = new("FILE") { Description = "Where to write the copy (replaced if it exists)." };
        Option<string> backupDb = new("--db") { Description = "The SQLite database file (default: Storage:Database)." };
        Command backup = new("backup", "Write a consistent copy of the SQLite database, also while the bot runs (PostgreSQL: use pg_dump).") { file, backupDb };
        backup.SetAction(async (parse, cancellationToken) =>
        {
            if (context.With(("Storage:Database", parse.GetValue(backupDb))).Options<StorageOptions>() is not { } storage)
            {
                return ExitCodes.Usage;
            }
            if (storage.Provider != StorageProvider.Sqlite)
            {
                context.Error.WriteLine("db backup copies a SQLite database; for PostgreSQL use pg_dump (see the README, 'Backups').");
                return ExitCodes.Usage;
            }
            var target = parse.GetValue(file)!;
            await DatabaseBackup.BackupSqliteAsync(storage.Database, target, cancellationToken);
            context.Error.WriteLine($"{storage.Database}: backed up to {Path.GetFullPath(target)}");
            return ExitCodes.Success;
        });
        return new Command("db", "Database maintenance.") { migrate, backup };
    }
}
