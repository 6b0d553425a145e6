using BankingLlm.Data;
using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BankingLlm.Assistant.Conversations;

/// <summary>
/// Ends sessions idle longer than Conversation:IdleTimeoutMinutes as abandoned (resolution incomplete), once a
/// minute. One UPDATE per sweep, so several instances sweeping at once do no harm.
/// </summary>
public sealed class IdleSessionSweeper(IDbContextFactory<BankingDbContext> contexts, IOptions<ConversationOptions> options, TimeProvider clock, ILogger<IdleSessionSweeper> logger) : BackgroundService
{
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddMinutes(-options.Value.IdleTimeoutMinutes);
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        // Timestamps are UTC in timestamp-without-time-zone columns; parameters are converted explicitly.
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE chat_sessions
            SET session_status = CASE WHEN session_status = 'flagged' THEN 'flagged'::session_status ELSE 'abandoned'::session_status END,
                ended_at = ({now}::timestamptz AT TIME ZONE 'UTC'),
                duration_seconds = GREATEST(0, EXTRACT(EPOCH FROM (({now}::timestamptz AT TIME ZONE 'UTC') - started_at)))::int,
                resolution_type = COALESCE(resolution_type, 'incomplete'::resolution_type)
            WHERE ended_at IS NULL AND last_activity_at < ({cutoff}::timestamptz AT TIME ZONE 'UTC')
            """, ct).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var ended = await SweepAsync(stoppingToken).ConfigureAwait(false);
                if (ended > 0)
                {
                    ConversationLog.SessionsAbandoned(logger, ended);
                }
            }
            catch (Npgsql.NpgsqlException ex)
            {
                ConversationLog.SweepFailed(logger, ex.GetType().Name);
            }
        }
    }
}
