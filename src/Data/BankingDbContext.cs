using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BankingLlm.Data;

/// <summary>The bank's database: the nine seed tables plus the documented extension tables.</summary>
public sealed class BankingDbContext(DbContextOptions<BankingDbContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Transaction> Transactions => Set<Transaction>();
    public DbSet<AuditLog> AuditLogs => Set<AuditLog>();
    public DbSet<PiiDetectionResult> PiiDetectionResults => Set<PiiDetectionResult>();
    public DbSet<ChatSession> ChatSessions => Set<ChatSession>();
    public DbSet<ComplianceEvent> ComplianceEvents => Set<ComplianceEvent>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<User> Users => Set<User>();
    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();
    public DbSet<PendingAction> PendingActions => Set<PendingAction>();
    public DbSet<PiiVaultEntry> PiiVault => Set<PiiVaultEntry>();

    /// <summary>Applies the provider settings every BankingDbContext uses.</summary>
    public static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql =>
            {
                PostgresEnums.MapTo(npgsql);
                npgsql.MigrationsHistoryTable("__ef_migrations_history");
            })
            .UseSnakeCaseNamingConvention();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // The seed uses TIMESTAMP (without time zone). We store UTC in it and read it back as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcTimestampConverter>().HaveColumnType("timestamp without time zone");
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcTimestampConverter>().HaveColumnType("timestamp without time zone");
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pgcrypto");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BankingDbContext).Assembly);
    }
}
