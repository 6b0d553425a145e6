using BankingLlm.Data.Entities;
using BankingLlm.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using BankingLlm.Data.Queries;
using Npgsql;

namespace BankingLlm.Data.Tests;

public sealed class TransactionQueryPlanTests
{
    [Fact]
    public async Task Completed_history_of_one_account_uses_the_composite_index()
    {
        await using var db = new DatabaseFixture();
        await db.InitializeAsync();
        await db.Get<BulkSeeder>().SeedAsync(200, 40_000);
        Guid accountId;
        await using (var ctx = await db.Get<IDbContextFactory<BankingDbContext>>().CreateDbContextAsync())
        {
            accountId = await ctx.Transactions.GroupBy(t => t.AccountId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        }

        await using var conn = await db.Get<NpgsqlDataSource>().OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand($"""
            EXPLAIN (FORMAT TEXT)
            {TransactionHistoryQuery.Sql}
            """, conn)
        {
            Parameters = { new() { Value = accountId } },
        };
        var plan = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }
        var text = string.Join('\n', plan);
        Assert.True(text.Contains("idx_transactions_account_status_initiated", StringComparison.Ordinal), text);
        Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
    }
}
