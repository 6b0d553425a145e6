using System.ComponentModel.DataAnnotations;

namespace BankingLlm.Tools;

/// <summary>The bank's rules the tools enforce, from configuration section <c>Tools</c>.</summary>
public sealed class BankingToolsOptions : IValidatableObject
{
    public const string SectionName = "Tools";

    /// <summary>How long a prepared transfer waits for the customer's confirmation.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan ConfirmationExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Total a customer may move out (internal and external transfers) per business day.</summary>
    [Range(typeof(decimal), "0.01", "10000000")]
    public decimal DailyTransferLimit { get; set; } = 25_000.00m;

    /// <summary>Total a customer may send to other banks per business day (within <see cref="DailyTransferLimit"/>).</summary>
    [Range(typeof(decimal), "0.01", "10000000")]
    public decimal DailyExternalTransferLimit { get; set; } = 10_000.00m;

    /// <summary>Cash in (or out) in one business day above this raises a CTR event. Exactly the threshold does not.</summary>
    [Range(typeof(decimal), "0.01", "1000000")]
    public decimal CtrThreshold { get; set; } = 10_000.00m;

    /// <summary>Lower edge of the "just under the CTR threshold" band used by the structuring monitor.</summary>
    [Range(typeof(decimal), "0.01", "1000000")]
    public decimal StructuringBandLow { get; set; } = 8_000.00m;

    /// <summary>Days (calendar, in <see cref="BusinessTimeZone"/>, today included) the structuring monitor looks back.</summary>
    [Range(1, 31)]
    public int StructuringWindowDays { get; set; } = 5;

    /// <summary>Cash deposits in the band within the window that make a structuring event.</summary>
    [Range(2, 100)]
    public int StructuringMinCount { get; set; } = 3;

    /// <summary>A single posting at or above this amount raises an unusual-amount event.</summary>
    [Range(typeof(decimal), "0.01", "10000000")]
    public decimal UnusualAmountThreshold { get; set; } = 5_000.00m;

    /// <summary>A posting this many times the account's 90-day average debit (and above half the threshold) is unusual too.</summary>
    [Range(2, 1000)]
    public int UnusualAmountMultiple { get; set; } = 10;

    /// <summary>More outgoing transfers than this within <see cref="VelocityWindow"/> raises a velocity event.</summary>
    [Range(1, 10_000)]
    public int VelocityMaxTransfers { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan VelocityWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>IANA (or Windows) time zone whose calendar day is the business day for CTR aggregation and limits.</summary>
    [Required]
    public string BusinessTimeZone { get; set; } = "America/New_York";

    /// <summary>Jaro-Winkler similarity (0..1) at or above which a beneficiary is held as a possible sanctions match.</summary>
    [Range(0.5, 1.0)]
    public double SanctionsMatchThreshold { get; set; } = 0.90;

    /// <summary>OFAC SDN list (sdn.csv). Empty: the embedded sample list (development only; a warning is logged).</summary>
    public string? SanctionsListPath { get; set; }

    /// <summary>OFAC alternate names (alt.csv), optional.</summary>
    public string? SanctionsAltNamesPath { get; set; }

    /// <summary>Attempts of one posting transaction on serialization failure (40001) or deadlock (40P01).</summary>
    [Range(1, 20)]
    public int MaxPostingAttempts { get; set; } = 6;

    [Range(1, 500)]
    public int DefaultPageSize { get; set; } = 20;

    [Range(1, 500)]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Upper bound of tool-calling rounds in one agent turn (read by the agent).</summary>
    [Range(1, 50)]
    public int MaxToolRoundsPerTurn { get; set; } = 8;

    /// <summary>The service account recorded in audit rows when the scope names none.</summary>
    [Required, StringLength(100, MinimumLength = 1)]
    public string ServiceAccount { get; set; } = "banking-assistant";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DailyExternalTransferLimit > DailyTransferLimit)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(DailyExternalTransferLimit)} must not exceed {nameof(DailyTransferLimit)}.", [nameof(DailyExternalTransferLimit)]);
        }
        if (StructuringBandLow >= CtrThreshold)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(StructuringBandLow)} must be below {nameof(CtrThreshold)}.", [nameof(StructuringBandLow)]);
        }
        if (DefaultPageSize > MaxPageSize)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(DefaultPageSize)} must not exceed {nameof(MaxPageSize)}.", [nameof(DefaultPageSize)]);
        }
        if (!TryFindTimeZone(BusinessTimeZone, out _))
        {
            yield return new ValidationResult($"{SectionName}:{nameof(BusinessTimeZone)} '{BusinessTimeZone}' is not a known time zone.", [nameof(BusinessTimeZone)]);
        }
        if (!string.IsNullOrWhiteSpace(SanctionsListPath) && !File.Exists(SanctionsListPath))
        {
            yield return new ValidationResult($"{SectionName}:{nameof(SanctionsListPath)} '{SanctionsListPath}' does not exist.", [nameof(SanctionsListPath)]);
        }
        if (!string.IsNullOrWhiteSpace(SanctionsAltNamesPath) && !File.Exists(SanctionsAltNamesPath))
        {
            yield return new ValidationResult($"{SectionName}:{nameof(SanctionsAltNamesPath)} '{SanctionsAltNamesPath}' does not exist.", [nameof(SanctionsAltNamesPath)]);
        }
    }

    internal static bool TryFindTimeZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
