using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EditorialBot.Storage;

/// <summary>The unit of work and the only way to the database (no repository layer over it).</summary>
public sealed class EditorialDbContext(DbContextOptions<EditorialDbContext> options) : DbContext(options)
{
    public DbSet<Episode> Episodes => Set<Episode>();
    public DbSet<Claim> Claims => Set<Claim>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<SweepRun> SweepRuns => Set<SweepRun>();
    public DbSet<RuntimeSetting> RuntimeSettings => Set<RuntimeSetting>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ScannedFile> ScannedFiles => Set<ScannedFile>();
    public DbSet<MessageReaction> MessageReactions => Set<MessageReaction>();
    public DbSet<Lease> Leases => Set<Lease>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; UTC ticks in an INTEGER can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<EpisodeState>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<ClaimVerdict>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<ClaimTier>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<VoteKind>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<VoteStatus>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<OutboxKind>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<PendingFileChange>().HaveConversion<string>().HaveMaxLength(24);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Episode>(e =>
        {
            e.ToTable("Episodes");
            e.HasIndex(x => x.Path);
            e.HasIndex(x => x.ContentHash);
            e.HasIndex(x => x.State);
            e.Property(x => x.SourceLink).HasColumnName("Source");
            e.HasMany(x => x.Claims).WithOne(x => x.Episode).HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Votes).WithOne(x => x.Episode).HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Claim>(e =>
        {
            e.ToTable("Claims");
            e.HasIndex(x => new { x.EpisodeId, x.Fingerprint }).IsUnique();
            e.Property(x => x.Tier).HasDefaultValue(ClaimTier.Check);
        });
        modelBuilder.Entity<Vote>(e =>
        {
            e.ToTable("Votes");
            e.HasIndex(x => new { x.EpisodeId, x.Status });
        });
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditLog");
            e.HasIndex(x => x.EpisodeId);
        });
        modelBuilder.Entity<SweepRun>(e => e.ToTable("SweepRuns"));
        modelBuilder.Entity<RuntimeSetting>(e =>
        {
            e.ToTable("RuntimeSettings");
            e.HasKey(x => x.Key);
        });
        modelBuilder.Entity<ScannedFile>(e =>
        {
            e.ToTable("ScannedFiles");
            e.HasKey(x => x.Path);
            e.HasIndex(x => x.EpisodeId);
        });
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("Outbox");
            e.HasIndex(x => new { x.DeliveredAt, x.EpisodeId });
        });
        modelBuilder.Entity<MessageReaction>(e =>
        {
            e.ToTable("MessageReactions");
            e.HasKey(x => new { x.MessageId, x.Emoji, x.UserId });
            e.Property(x => x.Emoji).HasMaxLength(64);
        });
        modelBuilder.Entity<Lease>(e =>
        {
            e.ToTable("Leases");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.Owner).HasMaxLength(200);
            // The row exists from the start, so taking the lease is always an update, never an insert race.
            e.HasData(new Lease { Name = Lease.Gateway, Owner = "", ExpiresAt = DateTimeOffset.UnixEpoch, Term = 0 });
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditRewrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditRewrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void RefuseAuditRewrites()
    {
        // The migration adds triggers too; this catches it earlier with a clearer message.
        foreach (var entry in ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"The audit log is append-only (entry {entry.Entity.Id}).");
            }
        }
    }

    // Internal, not private: the compiled model (CompiledModel/) constructs it.
    internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
