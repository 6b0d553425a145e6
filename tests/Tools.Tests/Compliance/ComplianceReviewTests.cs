using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Tools.Compliance;
using BankingLlm.Tools.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Tools.Tests.Compliance;

public sealed class ComplianceReviewTests(ToolsFixture f) : IClassFixture<ToolsFixture>
{
    private async Task<string> StaffAsync(StaffRole role, bool active = true)
    {
        var email = $"{role.ToString().ToLowerInvariant()}.{Guid.NewGuid():N}@bank.example.com";
        await using var db = await f.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync();
        db.Users.Add(new User { UserId = Guid.CreateVersion7(), Email = email, FullName = "Staff Member", Role = role, PasswordHash = "x", IsActive = active });
        await db.SaveChangesAsync();
        return email;
    }

    private async Task<Guid> EventAsync()
    {
        var c = await f.CustomerAsync(accounts: [(AccountType.Checking, 0m, null)]);
        var account = (await f.AccountsAsync(c.CustomerId))[0];
        var (_, events) = await f.Get<CashPostingService>().PostAsync(account.AccountId, 10_000.01m, deposit: true, "teller-test");
        return Assert.Single(events).EventId;
    }

    [Theory]
    [InlineData(StaffRole.ComplianceOfficer, true, true)]
    [InlineData(StaffRole.Admin, true, true)]
    [InlineData(StaffRole.Auditor, true, false)]
    [InlineData(StaffRole.Supervisor, false, false)]
    [InlineData(StaffRole.Agent, false, false)]
    public async Task Roles_decide_who_may_read_and_review(StaffRole role, bool canRead, bool canReview)
    {
        var id = await EventAsync();
        var staff = await StaffAsync(role);
        var service = f.Get<ComplianceReviewService>();
        if (canRead)
        {
            Assert.Contains(await service.ListAsync(staff, ComplianceStatus.Open), e => e.EventId == id);
        }
        else
        {
            await Assert.ThrowsAsync<StaffAccessDeniedException>(() => service.ListAsync(staff));
        }
        if (canReview)
        {
            var reviewed = await service.ReviewAsync(staff, id, ComplianceStatus.Resolved, "CTR filed with FinCEN.");
            Assert.Equal("Resolved", reviewed.Status);
            Assert.NotNull(reviewed.ReviewedBy);
            Assert.Equal("CTR filed with FinCEN.", reviewed.ReviewNotes);
        }
        else
        {
            await Assert.ThrowsAsync<StaffAccessDeniedException>(() => service.ReviewAsync(staff, id, ComplianceStatus.Resolved, "notes"));
        }
        var rows = await f.DbAsync(db => db.AuditLogs.Where(a => a.ServiceAccount == "staff-cli").Join(db.Users.Where(u => u.Email == staff), a => a.UserId, u => u.UserId, (a, _) => a.Status).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.Equal((canRead ? 1 : 0) + (canReview ? 1 : 0), rows.Count(s => s == AuditStatus.Success));
    }

    [Fact]
    public async Task Inactive_or_unknown_staff_are_denied_and_audited()
    {
        var inactive = await StaffAsync(StaffRole.ComplianceOfficer, active: false);
        var service = f.Get<ComplianceReviewService>();
        var before = await f.DbAsync(db => db.AuditLogs.CountAsync(a => a.Status == AuditStatus.Failure && a.ServiceAccount == "staff-cli"));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => service.ListAsync(inactive));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => service.ListAsync("nobody@bank.example.com"));
        var after = await f.DbAsync(db => db.AuditLogs.CountAsync(a => a.Status == AuditStatus.Failure && a.ServiceAccount == "staff-cli"));
        Assert.Equal(before + 2, after);
    }
}
