using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EditorialBot.Tests.Storage;

/// <summary>The bot runs on the model compiled by <c>dotnet ef dbcontext optimize</c>; it must say what OnModelCreating says.</summary>
public sealed class ModelIsCompiledTests
{
    [Fact]
    public async Task The_compiled_model_maps_every_table_and_column_as_the_entities_do()
    {
        using var database = await TestDatabase.CreateAsync();
        await using var compiled = database.Open();
        var runtimeOptions = new DbContextOptionsBuilder<EditorialDbContext>();
        EditorialDatabase.ConfigureRuntimeModel(runtimeOptions, database.Path);
        await using var runtime = new EditorialDbContext(runtimeOptions.Options);

        Assert.IsType<EditorialBot.Storage.CompiledModel.EditorialDbContextModel>(compiled.Model);
        var designed = runtime.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var differences = runtime.GetService<IMigrationsModelDiffer>().GetDifferences(compiled.Model.GetRelationalModel(), designed);
        Assert.True(differences.Count == 0,
            "src/Storage/CompiledModel is out of date (regenerate it as EditorialDatabase.Configure says): "
            + string.Join("; ", differences.Select(d => d.GetType().Name + " " + d switch
            {
                ColumnOperation c => $"{c.Table}.{c.Name}",
                TableOperation t => t.Name,
                _ => "",
            })));

        // Queries through the compiled model read what the runtime model wrote.
        runtime.SweepRuns.Add(new SweepRun { StartedAt = DateTimeOffset.UnixEpoch, Trigger = "test" });
        await runtime.SaveChangesAsync();
        Assert.Equal("test", (await compiled.SweepRuns.SingleAsync()).Trigger);
    }
}
