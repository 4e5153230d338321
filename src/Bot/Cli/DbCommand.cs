using System.CommandLine;
using EditorialBot.Storage;

namespace EditorialBot.Bot.Cli;

/// <summary><c>db migrate [--db FILE]</c>: creates the database or brings it to the current schema.</summary>
internal static class DbCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> db = new("--db") { Description = "The database file (default: Storage:Database, data/editorial.db)." };
        Command migrate = new("migrate", "Create the database or apply pending migrations.") { db };
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            if (context.With(("Storage:Database", parse.GetValue(db))).Options<StorageOptions>() is not { } storage)
            {
                return ExitCodes.Usage;
            }
            var path = storage.Database;
            var applied = await EditorialDatabase.MigrateAsync(path, cancellationToken);
            context.Error.WriteLine(applied.Count == 0 ? $"{path}: up to date" : $"{path}: applied {string.Join(", ", applied)}");
            return ExitCodes.Success;
        });
        return new Command("db", "Database maintenance.") { migrate };
    }
}
