using BankingLlm.Data.Postgres;
using BankingLlm.Data.Retention;
using BankingLlm.Data.Security;
using BankingLlm.Data.Seeding;
using BankingLlm.Data.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BankingLlm.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// With no <c>ConnectionStrings:Banking</c>, starts the private PostgreSQL cluster and sets the connection string
    /// to it; the cluster is stopped when the host stops. Call before <see cref="AddBankingData"/>.
    /// </summary>
    public static async Task<LocalPostgres?> StartPrivateDatabaseIfNeededAsync(this IHostApplicationBuilder builder, CancellationToken ct = default)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)))
        {
            return null;
        }
        var options = new LocalPostgresOptions();
        builder.Configuration.GetSection(LocalPostgresOptions.SectionName).Bind(options);
        var pg = await LocalPostgres.StartAsync(options, builder.Environment.ContentRootPath, ct).ConfigureAwait(false);
        builder.Configuration[$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = pg.ConnectionString;
        builder.Configuration[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.UsesPrivateCluster)}"] = "true";
        builder.Services.AddSingleton(pg);
        builder.Services.AddHostedService<PrivateDatabaseLifetime>();
        return pg;
    }

    /// <summary>Registers the DbContext factory, data source, key ring, SSN protector, migrator and seeders.</summary>
    public static IHostApplicationBuilder AddBankingData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LocalPostgresOptions>().BindConfiguration(LocalPostgresOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KeyRotationOptions>().BindConfiguration(KeyRotationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("ConnectionStrings:Banking is not set and no private cluster was started.");
            }
            return DatabaseConnection.CreateDataSource(connectionString, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        });
        services.AddSingleton<ValidationInterceptor>();
        services.AddPooledDbContextFactory<BankingDbContext>((sp, options) =>
        {
            BankingDbContext.Configure(options, sp.GetRequiredService<NpgsqlDataSource>());
            options.AddInterceptors(sp.GetRequiredService<ValidationInterceptor>());
        });

        services.AddSingleton<KeyRingProvider>();
        services.AddSingleton<FieldEncryptor>();
        services.AddSingleton<SsnProtector>();
        services.AddSingleton<SsnReencryptionJob>();
        services.AddSingleton<KeyRotationService>();
        services.AddSingleton<RetentionJob>();
        services.AddSingleton<CustomerAnonymizer>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DatabaseStartup>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddSingleton<CustomerFactory>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<BulkSeeder>();
        return builder;
    }

    /// <summary>
    /// The scheduled maintenance of a serving instance: retention (<see cref="RetentionService"/>) and key rotation
    /// (<see cref="KeyRotationService"/>). Only `serve` calls this; CLI verbs run the same jobs on demand.
    /// </summary>
    public static IHostApplicationBuilder AddBankingMaintenance(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<RetentionService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KeyRotationService>());
        return builder;
    }
}
