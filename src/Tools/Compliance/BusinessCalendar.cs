using Microsoft.Extensions.Options;

namespace BankingLlm.Tools.Compliance;

/// <summary>The bank's business day: the calendar day in <see cref="BankingToolsOptions.BusinessTimeZone"/>.</summary>
public sealed class BusinessCalendar(IOptions<BankingToolsOptions> options)
{
    private readonly TimeZoneInfo _zone = BankingToolsOptions.TryFindTimeZone(options.Value.BusinessTimeZone, out var z) ? z : TimeZoneInfo.Utc;

    public DateOnly BusinessDay(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone));

    /// <summary>The UTC instant the business day starts.</summary>
    public DateTime StartUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), _zone);

    public (DateTime StartUtc, DateTime EndUtc) DayBounds(DateOnly day) => (StartUtc(day), StartUtc(day.AddDays(1)));
}
