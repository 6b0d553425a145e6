using BankingLlm.Data.Retention;
using BankingLlm.Data.Security;
using BankingLlm.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace BankingLlm.Data.Tests.Retention;

/// <summary>The scheduled jobs of `serve` (AddBankingMaintenance): they run on their own, and the off switch holds.</summary>
public sealed class MaintenanceScheduleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Started_services_run_retention_and_rotate_a_due_key_without_being_asked()
    {
        var clock = new FixedClock(RetentionFixture.Now);
        await using var data = new DataFixture();
        await data.InitializeAsync(configure: b =>
        {
            b.Services.AddSingleton<TimeProvider>(clock);
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Retention:InitialDelay"] = "00:00:00",
                ["KeyRotation:InitialDelay"] = "00:00:00",
            });
            b.AddBankingMaintenance();
        });
        _ = data.Get<KeyRingProvider>().Current; // key file created "now"
        clock.Now = RetentionFixture.Now.AddDays(91);
        var services = data.Services.GetServices<IHostedService>().Where(s => s is RetentionService or KeyRotationService).ToList();
        Assert.Equal(2, services.Count);
        foreach (var s in services)
        {
            await s.StartAsync(CancellationToken.None);
        }
        try
        {
            await WaitUntilAsync(async () => await CountAsync(data, "SELECT count(*) FROM audit_logs WHERE entity_type = 'retention_run'") > 0);
            await WaitUntilAsync(async () => await CountAsync(data, "SELECT count(*) FROM audit_logs WHERE service_account = 'key-rotation'") > 0);
            Assert.Equal(2, data.Get<KeyRingProvider>().Current.ActiveDataKey.Version);
        }
        finally
        {
            foreach (var s in services)
            {
                await s.StopAsync(CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task The_off_switch_keeps_both_jobs_from_running()
    {
        await using var data = new DataFixture();
        await data.InitializeAsync(configure: b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Retention:Enabled"] = "false",
                ["KeyRotation:Enabled"] = "false",
                ["Retention:InitialDelay"] = "00:00:00",
                ["KeyRotation:InitialDelay"] = "00:00:00",
            });
            b.AddBankingMaintenance();
        });
        var services = data.Services.GetServices<IHostedService>().OfType<BackgroundService>().Where(s => s is RetentionService or KeyRotationService).ToList();
        Assert.Equal(2, services.Count);
        foreach (var s in services)
        {
            await s.StartAsync(CancellationToken.None);
            // Disabled: ExecuteAsync returns at once (an enabled one would still be waiting here).
            await s.ExecuteTask!.WaitAsync(Patience);
            Assert.True(s.ExecuteTask.IsCompletedSuccessfully);
            await s.StopAsync(CancellationToken.None);
        }
        Assert.Equal(0, await CountAsync(data, "SELECT count(*) FROM audit_logs"));
    }

    [Fact]
    public void Invalid_settings_are_refused_naming_the_setting()
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var o = new RetentionOptions { BatchSize = 0, Interval = TimeSpan.FromSeconds(5) };
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(o, new(o), results, validateAllProperties: true));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(RetentionOptions.BatchSize)));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(RetentionOptions.Interval)));
    }

    private static async Task<long> CountAsync(DataFixture data, string sql)
    {
        await using var cmd = data.Get<NpgsqlDataSource>().CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Polls a condition; the limit only stops a hung test, it is not a timing assertion.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var limit = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(100, limit.Token);
        }
    }
}
