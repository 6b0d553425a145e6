using BankingLlm.Data.Security;
using BankingLlm.Data.Seeding;
using BankingLlm.Data.Tests.Retention;
using BankingLlm.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BankingLlm.Data.Tests.Security;

public sealed class KeyRotationScheduleTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"keys-{Guid.NewGuid():N}.json");

    [Fact]
    public void Data_keys_rotate_at_their_period_and_the_hash_key_at_its_own_longer_one()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var keys = new KeyRingProvider(Options.Create(new KeyRingOptions { KeyFile = _path, RotationDays = 90, HashKeyRotationDays = 365 }), clock);
        _ = keys.Current;

        clock.Now = clock.Now.AddDays(90).AddSeconds(-1);
        Assert.Equal((false, false), keys.RotateDue());
        Assert.Equal((1, 1), (keys.Current.ActiveDataKey.Version, keys.Current.ActiveHashKey.Version));

        clock.Now = clock.Now.AddSeconds(1);
        Assert.Equal((true, false), keys.RotateDue());
        Assert.Equal((2, 1), (keys.Current.ActiveDataKey.Version, keys.Current.ActiveHashKey.Version));
        Assert.Equal((false, false), keys.RotateDue()); // the new key is 0 days old

        // Day 364 since the hash key: not yet; day 365: the hash key rotates (the data key too: 275 days old).
        clock.Now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(364);
        Assert.True(keys.IsRotationDue());
        Assert.False(keys.IsHashRotationDue());
        Assert.Equal((true, false), keys.RotateDue());
        clock.Now = clock.Now.AddDays(1);
        Assert.Equal((false, true), keys.RotateDue());
        Assert.Equal((3, 2), (keys.Current.ActiveDataKey.Version, keys.Current.ActiveHashKey.Version));

        // Another process reading the key file sees the same versions.
        var reloaded = new KeyRingProvider(Options.Create(new KeyRingOptions { KeyFile = _path }), clock);
        Assert.Equal((3, 2), (reloaded.Current.ActiveDataKey.Version, reloaded.Current.ActiveHashKey.Version));
    }

    [Fact]
    public void Configured_keys_have_no_known_age_and_are_never_rotated_by_the_schedule()
    {
        var key = Convert.ToBase64String(new byte[32]);
        var keys = new KeyRingProvider(Options.Create(new KeyRingOptions { DataKeys = { ["1"] = key }, HashKeys = { ["1"] = key } }), TimeProvider.System);
        Assert.False(keys.IsRotationDue());
        Assert.False(keys.IsHashRotationDue());
        Assert.Equal((false, false), keys.RotateDue());
    }

    [Fact]
    public async Task A_scheduled_check_rotates_a_due_key_re_encrypts_every_row_survives_a_crash_mid_batch_and_audits()
    {
        await using var f = await RetentionFixture.CreateAsync();
        var factory = f.Get<CustomerFactory>();
        var ssns = new Dictionary<Guid, string> { [f.Customer.CustomerId] = f.Get<SsnProtector>().Decrypt(f.Customer.CustomerId, f.Customer.SsnEncrypted) };
        await f.SaveAsync(db =>
        {
            for (var i = 0; i < 40; i++)
            {
                var ssn = $"900-88-{i:D4}";
                var c = factory.Create(TestData.Person(ssn: ssn));
                ssns[c.CustomerId] = ssn.Replace("-", "", StringComparison.Ordinal);
                db.Customers.Add(c);
            }
        });
        var service = f.Get<KeyRotationService>();

        // Not due yet: nothing rotates, nothing to move.
        f.Clock.Now = RetentionFixture.Now.AddDays(89);
        Assert.Equal(new KeyRotationOutcome(false, false, false, 0, 0), await service.RunOnceAsync());

        // Due: rotate; re-encryption is stopped after two batches, then a run crashes in the middle of its first
        // batch (an UPDATE of the batch's fifth row raises): that whole batch rolls back.
        f.Clock.Now = RetentionFixture.Now.AddDays(90);
        f.Get<KeyRingProvider>().RotateDue();
        var job = f.Get<SsnReencryptionJob>();
        var first = await job.RunAsync(batchSize: 7, maxBatches: 2);
        Assert.Equal(14, first.Reencrypted);
        var crashOn = ssns.Keys.Order().ElementAt(18);
        await f.ExecAsync($"""
            CREATE FUNCTION fail_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
              IF OLD.customer_id = '{crashOn}' THEN RAISE EXCEPTION 'simulated crash mid-batch'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER fail_update BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION fail_update();
            """);
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => job.RunAsync(batchSize: 7));
        await f.ExecAsync("DROP TRIGGER fail_update ON customers; DROP FUNCTION fail_update();");
        await AssertEveryRowDecryptsAsync(f, ssns);
        Assert.Equal(ssns.Count - 14, await job.RemainingAsync());

        // The next scheduled check finishes the move: every row on data key 2, none lost.
        var outcome = await service.RunOnceAsync();
        Assert.Equal((false, ssns.Count - 14, 0), (outcome.DataKeyRotated, outcome.Reencrypted, outcome.Remaining));
        var usage = await job.UsageAsync();
        Assert.Equal(ssns.Count, usage.SsnByDataKey[2]);
        Assert.False(usage.SsnByDataKey.ContainsKey(1));
        await AssertEveryRowDecryptsAsync(f, ssns);

        // A year on, the hash key rotates too and every ssn_hash is re-hashed under version 2, still unique.
        f.Clock.Now = RetentionFixture.Now.AddDays(365);
        var yearly = await service.RunOnceAsync();
        Assert.Equal((true, true, ssns.Count, 0), (yearly.DataKeyRotated, yearly.HashKeyRotated, yearly.Reencrypted, yearly.Remaining));
        usage = await job.UsageAsync();
        Assert.Equal((ssns.Count, ssns.Count), (usage.SsnByDataKey[3], usage.SsnByHashKey[2]));
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM audit_logs WHERE service_account = 'key-rotation' AND new_values->>'hash_key_rotated' = 'true'"));
        await AssertEveryRowDecryptsAsync(f, ssns);
    }

    [Fact]
    public async Task A_check_is_skipped_while_another_instance_holds_the_rotation_lock()
    {
        await using var f = await RetentionFixture.CreateAsync();
        await using var other = await f.Get<NpgsqlDataSource>().OpenConnectionAsync();
        await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MaintenanceLock.KeyRotation})", other);
        await take.ExecuteNonQueryAsync();
        f.Clock.Now = RetentionFixture.Now.AddDays(100);
        var outcome = await f.Get<KeyRotationService>().RunOnceAsync();
        Assert.True(outcome.LockBusy);
        Assert.Equal(1, f.Get<KeyRingProvider>().Current.ActiveDataKey.Version);
    }

    private static async Task AssertEveryRowDecryptsAsync(RetentionFixture f, Dictionary<Guid, string> ssns)
    {
        await using var db = await f.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        var rows = await db.Customers.AsNoTracking().ToListAsync();
        Assert.Equal(ssns.Count, rows.Count);
        var protector = f.Get<SsnProtector>();
        Assert.All(rows, r => Assert.Equal(ssns[r.CustomerId], protector.Decrypt(r.CustomerId, r.SsnEncrypted)));
    }

    public void Dispose() => File.Delete(_path);
}
