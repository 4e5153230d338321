using EditorialBot.Storage;
using EditorialBot.Tests.Support;

namespace EditorialBot.Tests.Cluster;

/// <summary>The named lock behind "one sweep at a time across machines", on the tests' provider.</summary>
public sealed class DatabaseLockTests
{
    [Fact]
    public async Task A_held_lock_refuses_a_second_holder_until_released()
    {
        using var database = await TestDatabase.CreateAsync();
        await using var one = database.Open();
        await using var two = database.Open();

        var first = await DatabaseLock.TryAcquireAsync(one, "sweep");
        Assert.NotNull(first);
        Assert.Null(await DatabaseLock.TryAcquireAsync(two, "sweep"));
        await using (var other = await DatabaseLock.TryAcquireAsync(two, "another name"))
        {
            Assert.NotNull(other);
        }

        var waiting = DatabaseLock.AcquireAsync(two, "sweep");
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        await first.DisposeAsync();
        await using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(await DatabaseLock.TryAcquireAsync(one, "sweep"));
    }

    [Fact]
    public void Lock_keys_are_stable_across_processes_and_releases()
    {
        // FNV-1a of the name: changing it would let an old and a new release sweep at once.
        Assert.Equal(DatabaseLock.Key("editorialbot:sweep"), DatabaseLock.Key("editorialbot:sweep"));
        Assert.NotEqual(DatabaseLock.Key("editorialbot:sweep"), DatabaseLock.Key("editorialbot:writer"));
        Assert.Equal(-5808556873153909620L, DatabaseLock.Key("a"));
    }
}
