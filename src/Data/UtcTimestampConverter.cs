using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BankingLlm.Data;

/// <summary>
/// Stores DateTime as UTC in a <c>timestamp without time zone</c> column (the seed's type) and reads it back with
/// Kind = Utc, so no local-time value ever reaches the database by accident.
/// </summary>
public sealed class UtcTimestampConverter() : ValueConverter<DateTime, DateTime>(
    v => DateTime.SpecifyKind(v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v, DateTimeKind.Unspecified),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
