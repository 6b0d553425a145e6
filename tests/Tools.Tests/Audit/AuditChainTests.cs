using BankingLlm.Data.Entities;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Tools.Tests.Audit;

/// <summary>Tampering with the audit table; its own database because it leaves the chain broken.</summary>
public sealed class AuditChainTests(ToolsFixture f) : IClassFixture<ToolsFixture>
{
    [Fact]
    public async Task Concurrent_writers_keep_one_linear_chain_and_verify_finds_an_edited_row()
    {
        var c = await f.CustomerAsync();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => f.CallAsync(c.CustomerId, "accounts", "list_accounts"))));
        var intact = await f.Get<AuditChainVerifier>().VerifyAsync();
        Assert.True(intact.Intact, intact.Reason);

        var victim = await f.DbAsync(db => db.AuditLogs.Where(a => a.CustomerId == c.CustomerId).OrderBy(a => a.SequenceNo).Skip(10).FirstAsync());
        try
        {
            await f.DbAsync(db => db.AuditLogs.Where(a => a.LogId == victim.LogId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AuditStatus.Failure)));
            var broken = await f.Get<AuditChainVerifier>().VerifyAsync();
            Assert.False(broken.Intact);
            Assert.Equal(victim.SequenceNo, broken.FirstBrokenSequenceNo);
            Assert.Equal(victim.LogId, broken.FirstBrokenLogId);
            Assert.Contains("edited", broken.Reason, StringComparison.Ordinal);
        }
        finally
        {
            await f.DbAsync(db => db.AuditLogs.Where(a => a.LogId == victim.LogId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, victim.Status)));
        }
        Assert.True((await f.Get<AuditChainVerifier>().VerifyAsync()).Intact);

        // Deleting a row breaks the link of the row after it.
        var next = await f.DbAsync(db => db.AuditLogs.Where(a => a.SequenceNo > victim.SequenceNo).OrderBy(a => a.SequenceNo).FirstAsync());
        await f.DbAsync(db => db.AuditLogs.Where(a => a.LogId == victim.LogId).ExecuteDeleteAsync());
        var gap = await f.Get<AuditChainVerifier>().VerifyAsync();
        Assert.False(gap.Intact);
        Assert.Equal(next.SequenceNo, gap.FirstBrokenSequenceNo);
        Assert.Contains("deleted", gap.Reason, StringComparison.Ordinal);
    }
}
