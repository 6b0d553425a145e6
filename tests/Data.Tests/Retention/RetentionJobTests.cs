using BankingLlm.Data.Retention;
using Npgsql;

namespace BankingLlm.Data.Tests.Retention;

/// <summary>Each line of the seed's retention table at its boundary, against a real PostgreSQL.</summary>
public sealed class RetentionJobTests
{
    [Fact]
    public async Task Each_rule_takes_rows_just_past_its_period_and_leaves_rows_just_inside_it()
    {
        await using var f = await RetentionFixture.CreateAsync();
        var now = f.UtcNow;
        var session89 = await f.SessionAsync(now.AddDays(-89));
        var session91 = await f.SessionAsync(now.AddDays(-91));
        var pii364 = await f.PiiDetectionAsync(now.AddDays(-364));
        var pii366 = await f.PiiDetectionAsync(now.AddDays(-366));
        var txInside = await f.TransactionAsync(now.AddYears(-7).AddDays(1));
        var txPast = await f.TransactionAsync(now.AddYears(-7).AddDays(-1), description: "Old rent");
        var accountInside = await f.ClosedAccountAsync(f.Today.AddYears(-7).AddDays(1));
        var accountPast = await f.ClosedAccountAsync(f.Today.AddYears(-7).AddDays(-1));
        // Its only transaction is past 7 years too: archived first in the same run, which frees the account.
        var accountPastWithHistory = await f.ClosedAccountAsync(f.Today.AddYears(-7).AddDays(-30));
        await f.TransactionAsync(now.AddYears(-8), accountPastWithHistory);
        var before = await f.TotalsAsync();

        var report = await f.Job.RunAsync();

        Assert.True(report.Reconciles);
        Assert.Equal((1, 1), (report["chat_sessions"].Eligible, report["chat_sessions"].Removed));
        Assert.Equal((2, 2, 2L), (report["chat_messages"].Eligible, report["chat_messages"].Removed, report["chat_messages"].Archived));
        Assert.Equal((1, 1, 0L), (report["pii_vault"].Eligible, report["pii_vault"].Removed, report["pii_vault"].Archived));
        Assert.Equal((1, 1, 1L), (report["pending_actions"].Eligible, report["pending_actions"].Removed, report["pending_actions"].Archived));
        Assert.Equal((1, 1, 0L), (report["pii_detection_results"].Eligible, report["pii_detection_results"].Removed, report["pii_detection_results"].Archived));
        Assert.Equal((2, 2, 2L), (report["transactions"].Eligible, report["transactions"].Removed, report["transactions"].Archived));
        Assert.Equal((2, 2, 2L), (report["accounts"].Eligible, report["accounts"].Removed, report["accounts"].Archived));

        // Inside the period: still live. Past it: gone from the live table.
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM chat_sessions WHERE session_id = $1", session89));
        Assert.Equal(0, await f.CountAsync("SELECT count(*) FROM chat_sessions WHERE session_id = $1", session91));
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM pii_vault WHERE session_id = $1", session89));
        Assert.Equal(0, await f.CountAsync("SELECT count(*) FROM pii_vault WHERE session_id = $1", session91));
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM pii_detection_results WHERE result_id = $1", pii364));
        Assert.Equal(0, await f.CountAsync("SELECT count(*) FROM pii_detection_results WHERE result_id = $1", pii366));
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM transactions WHERE transaction_id = $1", txInside));
        Assert.Equal(0, await f.CountAsync("SELECT count(*) FROM transactions WHERE transaction_id = $1", txPast));
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM accounts WHERE account_id = $1", accountInside.AccountId));
        Assert.Equal(0, await f.CountAsync("SELECT count(*) FROM accounts WHERE account_id = $1", accountPast.AccountId));

        // Archived rows are readable, with their content. The vault (raw PII) and PII detections are not archived.
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM archive.chat_sessions WHERE session_id = $1 AND customer_id = $2 AND language = 'en'", session91, f.Customer.CustomerId));
        Assert.Equal(2, await f.CountAsync("SELECT count(*) FROM archive.chat_messages WHERE session_id = $1 AND masked_text IN ('My SSN is [SSN_1]', 'Thanks.')", session91));
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM archive.pending_actions WHERE session_id = $1 AND amount = 10.00", session91));
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM archive.transactions WHERE transaction_id = $1 AND description = 'Old rent' AND amount = 4.25", txPast));
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM archive.accounts WHERE account_id = $1 AND status = 'closed'", accountPast.AccountId));
        Assert.Equal(0, await f.CountAsync("SELECT count(*) FROM archive.chat_sessions WHERE session_id = $1", session89));

        // Whole tables reconcile: live before = live after + removed; archive after = archive before + archived.
        var after = await f.TotalsAsync();
        foreach (var t in report.Tables)
        {
            Assert.Equal(before["public." + t.Table], after["public." + t.Table] + t.Removed);
            if (t.Archives)
            {
                Assert.Equal(after["archive." + t.Table], before["archive." + t.Table] + t.Removed);
            }
        }

        // Idempotent: a second run finds nothing more to do.
        var again = await f.Job.RunAsync();
        Assert.All(again.Tables, t => Assert.Equal(0, t.Removed));
        Assert.Equal(after.Where(p => p.Key != "public.audit_logs"), (await f.TotalsAsync()).Where(p => p.Key != "public.audit_logs"));
    }

    [Fact]
    public async Task Audit_logs_and_compliance_events_are_never_deleted_and_rows_they_reference_are_held()
    {
        await using var f = await RetentionFixture.CreateAsync();
        var now = f.UtcNow;
        var oldAudit = await f.AuditLogAsync(now.AddYears(-12));
        var heldAccount = await f.ClosedAccountAsync(f.Today.AddYears(-9));
        var heldTx = await f.TransactionAsync(now.AddYears(-9));
        await f.ComplianceEventAsync(now.AddYears(-12), heldAccount.AccountId);
        await f.ComplianceEventAsync(now.AddYears(-11), transactionId: heldTx);
        var auditBefore = await f.CountAsync("SELECT count(*) FROM audit_logs");
        var complianceBefore = await f.CountAsync("SELECT count(*) FROM compliance_events");

        var report = await f.Job.RunAsync();

        Assert.True(report.Reconciles);
        Assert.Equal(complianceBefore, await f.CountAsync("SELECT count(*) FROM compliance_events"));
        Assert.Equal(auditBefore + 1, await f.CountAsync("SELECT count(*) FROM audit_logs")); // + this run's own row
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM audit_logs WHERE log_id = $1", oldAudit));
        Assert.Equal((1, 0, 1, 1), (report["transactions"].Eligible, report["transactions"].Removed, report["transactions"].Remaining, report["transactions"].Held));
        Assert.Equal((1, 0, 1, 1), (report["accounts"].Eligible, report["accounts"].Removed, report["accounts"].Remaining, report["accounts"].Held));
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM transactions WHERE transaction_id = $1", heldTx));
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM accounts WHERE account_id = $1", heldAccount.AccountId));

        // The run's audit row carries its counts, never a value.
        Assert.Equal(1, await f.CountAsync($"SELECT count(*) FROM audit_logs WHERE service_account = '{RetentionJob.ServiceAccount}' AND entity_type = 'retention_run' AND entity_id = $1 AND action = 'delete' AND new_values->>'reconciles' = 'true'", report.RunId.ToString()));
    }

    [Fact]
    public async Task A_dry_run_counts_and_changes_nothing()
    {
        await using var f = await RetentionFixture.CreateAsync();
        await f.SessionAsync(f.UtcNow.AddDays(-200));
        await f.PiiDetectionAsync(f.UtcNow.AddDays(-400));
        await f.TransactionAsync(f.UtcNow.AddYears(-8));
        var before = await f.TotalsAsync();

        var report = await f.Job.RunAsync(dryRun: true);

        Assert.True(report.DryRun);
        Assert.Equal(1, report["chat_sessions"].Eligible);
        Assert.Equal(1, report["pii_detection_results"].Eligible);
        Assert.Equal(1, report["transactions"].Eligible);
        Assert.All(report.Tables, t => Assert.Equal((0L, 0L), (t.Removed, t.Archived)));
        var after = await f.TotalsAsync();
        Assert.Equal(before["public.audit_logs"] + 1, after["public.audit_logs"]);
        Assert.Equal(before.Where(p => p.Key != "public.audit_logs"), after.Where(p => p.Key != "public.audit_logs"));
        Assert.Equal(1, await f.CountAsync("SELECT count(*) FROM audit_logs WHERE entity_type = 'retention_run' AND action = 'read' AND new_values->>'dry_run' = 'true'"));
    }

    [Fact]
    public async Task A_run_stopped_part_way_or_failing_mid_batch_loses_and_duplicates_nothing_and_the_next_run_finishes()
    {
        await using var f = await RetentionFixture.CreateAsync();
        var sessions = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            sessions.Add(await f.SessionAsync(f.UtcNow.AddDays(-100 - i)));
        }
        var before = await f.TotalsAsync();

        // Stopped after two batches of two: the next run resumes.
        var partial = await f.Job.RunAsync(maxBatches: 2, batchSize: 2);
        Assert.True(partial.Reconciles);
        Assert.Equal((6, 4, 2), (partial["chat_sessions"].Eligible, partial["chat_sessions"].Removed, partial["chat_sessions"].Remaining));

        // A batch that fails after it moved the messages (the session delete raises) rolls back whole.
        var last = sessions.Max();
        await f.ExecAsync($"""
            CREATE FUNCTION fail_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
              IF OLD.session_id = '{last}' THEN RAISE EXCEPTION 'simulated crash mid-batch'; END IF; RETURN OLD; END $$;
            CREATE TRIGGER fail_delete BEFORE DELETE ON chat_sessions FOR EACH ROW EXECUTE FUNCTION fail_delete();
            """);
        await Assert.ThrowsAsync<PostgresException>(() => f.Job.RunAsync(batchSize: 10));
        Assert.Equal(2, await f.CountAsync("SELECT count(*) FROM chat_messages WHERE session_id = $1", last));
        Assert.Equal(0, await f.CountAsync("SELECT count(*) FROM archive.chat_messages WHERE session_id = $1", last));
        await AssertNothingLostAsync(f, before);

        await f.ExecAsync("DROP TRIGGER fail_delete ON chat_sessions; DROP FUNCTION fail_delete();");
        var rest = await f.Job.RunAsync(batchSize: 10);
        Assert.True(rest.Reconciles);
        Assert.Equal((2, 2, 0), (rest["chat_sessions"].Eligible, rest["chat_sessions"].Removed, rest["chat_sessions"].Remaining));
        await AssertNothingLostAsync(f, before);
        Assert.Equal(6, await f.CountAsync("SELECT count(*) FROM archive.chat_sessions"));
        Assert.Equal(12, await f.CountAsync("SELECT count(*) FROM archive.chat_messages"));
        Assert.Equal(0, await f.CountAsync("SELECT count(*) FROM chat_sessions"));
    }

    [Fact]
    public async Task Only_one_run_at_a_time_across_processes()
    {
        await using var f = await RetentionFixture.CreateAsync();
        await using var other = await f.Get<NpgsqlDataSource>().OpenConnectionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MaintenanceLock.Retention})", other))
        {
            await take.ExecuteNonQueryAsync();
        }
        await Assert.ThrowsAsync<RetentionBusyException>(() => f.Job.RunAsync());
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MaintenanceLock.Retention})", other))
        {
            await release.ExecuteNonQueryAsync();
        }
        Assert.True((await f.Job.RunAsync()).Reconciles);
    }

    [Fact]
    public async Task Every_live_column_has_its_archive_twin_of_the_same_type()
    {
        await using var f = await RetentionFixture.CreateAsync();
        foreach (var table in RetentionFixture.ArchiveTables)
        {
            var missing = await f.CountAsync("""
                SELECT count(*) FROM information_schema.columns l
                WHERE l.table_schema = 'public' AND l.table_name = $1 AND NOT EXISTS (
                  SELECT 1 FROM information_schema.columns a
                  WHERE a.table_schema = 'archive' AND a.table_name = l.table_name AND a.column_name = l.column_name
                    AND a.udt_name = l.udt_name)
                """, table);
            Assert.True(missing == 0, $"archive.{table} lacks {missing} column(s) of public.{table}: add them in a migration");
        }
    }

    private static async Task AssertNothingLostAsync(RetentionFixture f, Dictionary<string, long> before)
    {
        foreach (var t in new[] { "chat_sessions", "chat_messages", "pending_actions" })
        {
            Assert.Equal(before["public." + t] + before["archive." + t],
                await f.CountAsync($"SELECT count(*) FROM public.{t}") + await f.CountAsync($"SELECT count(*) FROM archive.{t}"));
        }
    }
}
