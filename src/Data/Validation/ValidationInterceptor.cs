using BankingLlm.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BankingLlm.Data.Validation;

/// <summary>
/// Applies the seed's validation rules to every entity EF is about to insert or update, so no write path can skip
/// them. (The bulk seeder, which writes with COPY, calls the same validators itself.)
/// </summary>
public sealed class ValidationInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ValidateAll(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ValidateAll(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void ValidateAll(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            switch (entry.Entity)
            {
                case Customer c:
                    EmailValidator.Validate(c.Email);
                    break;
                case User u:
                    EmailValidator.Validate(u.Email);
                    break;
                case Account a:
                    AccountNumberValidator.Validate(a.AccountNumber);
                    break;
                case Transaction t when entry.State == EntityState.Added || entry.Property(nameof(Transaction.Amount)).IsModified:
                    AmountValidator.Validate(t.Amount);
                    break;
                case PendingAction p when entry.State == EntityState.Added:
                    AmountValidator.Validate(p.Amount);
                    break;
            }
        }
    }
}
