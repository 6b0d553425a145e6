using Microsoft.Extensions.Logging;

namespace BankingLlm.Data.Security;

/// <summary>Log messages of scheduled key rotation: versions and counts, never key material or values.</summary>
internal static partial class KeyRotationLog
{
    [LoggerMessage(1201, LogLevel.Information, "Key rotation: data key rotated {DataKey}, hash key rotated {HashKey}; active data key v{DataVersion}, hash key v{HashVersion}")]
    public static partial void Rotated(ILogger logger, bool dataKey, bool hashKey, int dataVersion, int hashVersion);

    [LoggerMessage(1202, LogLevel.Information, "Key rotation: re-encryption finished, {Reencrypted} rows moved, {Remaining} remaining")]
    public static partial void ReencryptionFinished(ILogger logger, int reencrypted, int remaining);

    [LoggerMessage(1203, LogLevel.Information, "Key rotation skipped: another instance holds the key-rotation lock")]
    public static partial void LockBusy(ILogger logger);

    [LoggerMessage(1204, LogLevel.Error, "Scheduled key rotation failed; retrying at the next check")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(1205, LogLevel.Information, "Keys come from configuration: rotate them in the secret store (the schedule only re-encrypts onto the active versions)")]
    public static partial void ConfiguredKeys(ILogger logger);
}
