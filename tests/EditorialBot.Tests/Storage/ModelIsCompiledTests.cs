using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EditorialBot.Tests.Storage;

/// <summary>The bot runs on the model compiled by <c>dotnet ef dbcontext optimize</c>; it must say what OnModelCreating says.</summary>
public sealed class ModelIsCompiledTests
{
    [Fact]
    public async Task The_compiled_model_maps_every_table_column_index_and_key_as_the_entities_do()
    {
        // The compiled model is SQLite's; PostgreSQL builds its model at run time.
        using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var compiled = database.Open();
        var runtimeOptions = new DbContextOptionsBuilder<EditorialDbContext>();
        EditorialDatabase.ConfigureRuntimeModel(runtimeOptions, database.Path);
        await using var runtime = new EditorialDbContext(runtimeOptions.Options);

        Assert.IsType<EditorialDbContextModel>(compiled.Model);
        // On a mismatch, regenerate src/Storage/CompiledModel as EditorialDatabase.Configure says.
        Assert.Equal(Shape(runtime.GetService<IDesignTimeModel>().Model), Shape(compiled.Model));

        // Queries through the compiled model read what the runtime model wrote.
        // (The compiled model inlines converters such as UtcTicksConverter as expressions: the round trip shows they agree.)
        var startedAt = new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.FromHours(8));
        runtime.SweepRuns.Add(new SweepRun { StartedAt = startedAt, Trigger = "test" });
        await runtime.SaveChangesAsync();
        var read = await compiled.SweepRuns.SingleAsync();
        Assert.Equal("test", read.Trigger);
        Assert.Equal(startedAt.UtcDateTime, read.StartedAt.UtcDateTime);
    }

    /// <summary>What the database sees of a model, one line per table, column, index and foreign key.</summary>
    private static string Shape(IModel model)
    {
        List<string> lines = [];
        foreach (var table in model.GetRelationalModel().Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            lines.Add($"table {table.Name} key ({string.Join(",", table.PrimaryKey!.Columns.Select(c => c.Name))})");
            foreach (var column in table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                var mapping = column.PropertyMappings.First();
                lines.Add($"  {column.Name} {column.StoreType} null={column.IsNullable} {mapping.Property.Name} {mapping.Property.ClrType.Name} via {(mapping.TypeMapping.Converter is { } converter ? $"converter to {converter.ProviderClrType.Name}" : "-")}");
            }
            foreach (var index in table.Indexes.OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                lines.Add($"  index {index.Name} unique={index.IsUnique} ({string.Join(",", index.Columns.Select(c => c.Name))})");
            }
            foreach (var key in table.ForeignKeyConstraints.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                lines.Add($"  foreign key {key.Name} -> {key.PrincipalTable.Name} on delete {key.OnDeleteAction}");
            }
        }
        return string.Join('\n', lines);
    }
}
