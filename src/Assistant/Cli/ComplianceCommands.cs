using System.CommandLine;
using BankingLlm.Data;
using BankingLlm.Data.Entities;
using BankingLlm.Tools;
using BankingLlm.Tools.Audit;
using BankingLlm.Tools.Compliance;
using BankingLlm.Tools.Scope;
using Microsoft.EntityFrameworkCore;

namespace BankingLlm.Assistant.Cli;

/// <summary>
/// `compliance list` and `compliance review`: the staff side of compliance events. Authorised by the users table's
/// role of --staff (list: compliance_officer, admin, auditor; review: compliance_officer, admin); every call is audited.
/// </summary>
public static class ComplianceCommands
{
    public const int AccessDenied = 6;

    public static Command Create()
    {
        var compliance = new Command("compliance", "Review compliance events (staff only).");

        var staff = new Option<string>("--staff") { Description = "E-mail of the staff user acting (users table).", Required = true };
        var status = new Option<ComplianceStatus?>("--status") { Description = "Only events with this status: Open, UnderReview, Resolved, Escalated." };
        var type = new Option<ComplianceEventType?>("--type") { Description = "Only events of this type, e.g. TransactionMonitoring, SuspiciousActivity, SanctionsHit." };
        var limit = new Option<int>("--limit") { Description = "Newest first, at most this many.", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "List compliance events, newest first.") { staff, status, type, limit };
        list.SetAction((result, ct) => CliErrors.RunAsync(() => WithServiceAsync(ct, async service =>
        {
            var events = await service.ListAsync(result.GetValue(staff)!, result.GetValue(status), result.GetValue(type), result.GetValue(limit), ct);
            foreach (var e in events)
            {
                Console.WriteLine($"{e.EventId}  {e.DetectedAt:yyyy-MM-dd HH:mm}  {e.EventType,-22} {e.Severity,-8} {e.Status,-11} customer {e.CustomerId}  {e.Description}");
                if (e.Findings is not null)
                {
                    Console.WriteLine($"    findings: {e.Findings}");
                }
                if (e.ReviewedBy is not null)
                {
                    Console.WriteLine($"    reviewed by {e.ReviewedBy} at {e.ReviewedAt:yyyy-MM-dd HH:mm}: {e.ReviewNotes}");
                }
            }
            Console.WriteLine($"{events.Count} event(s).");
            return 0;
        })));

        var reviewer = new Option<string>("--staff") { Description = "E-mail of the reviewing staff user (compliance_officer or admin).", Required = true };
        var eventId = new Argument<Guid>("event-id") { Description = "The compliance event to review." };
        var newStatus = new Option<ComplianceStatus>("--status") { Description = "New status: UnderReview, Resolved or Escalated.", Required = true };
        var notes = new Option<string>("--notes") { Description = "Review notes (required).", Required = true };
        var review = new Command("review", "Record a review of one compliance event: status, reviewer, notes.") { eventId, reviewer, newStatus, notes };
        review.SetAction((result, ct) => CliErrors.RunAsync(() => WithServiceAsync(ct, async service =>
        {
            var e = await service.ReviewAsync(result.GetValue(reviewer)!, result.GetValue(eventId), result.GetValue(newStatus), result.GetValue(notes)!, ct);
            Console.WriteLine($"Event {e.EventId} is now {e.Status}; reviewed by {e.ReviewedBy}.");
            return 0;
        })));

        compliance.Subcommands.Add(list);
        compliance.Subcommands.Add(review);
        return compliance;
    }

    private static async Task<int> WithServiceAsync(CancellationToken ct, Func<ComplianceReviewService, Task<int>> action)
    {
        using var host = await CliHost.BuildAsync(ct);
        var contexts = host.Services.GetRequiredService<IDbContextFactory<BankingDbContext>>();
        var recorder = new AuditRecorder(host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), new AmbientCustomerContext(), Microsoft.Extensions.Options.Options.Create(new BankingToolsOptions { ServiceAccount = "staff-cli" }), TimeProvider.System);
        try
        {
            return await action(new ComplianceReviewService(contexts, recorder, TimeProvider.System));
        }
        catch (StaffAccessDeniedException denied)
        {
            await Console.Error.WriteLineAsync($"error: {denied.Message}");
            return AccessDenied;
        }
        catch (KeyNotFoundException missing)
        {
            await Console.Error.WriteLineAsync($"error: {missing.Message}");
            return CliErrors.InvalidInput;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
