using BankingLlm.PiiGuard.Analysis;
using BankingLlm.PiiGuard.Operators;
using BankingLlm.PiiGuard.Output;
using BankingLlm.PiiGuard.Recording;
using BankingLlm.PiiGuard.Vault;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BankingLlm.PiiGuard;

/// <summary>
/// Default <see cref="IPiiGuard"/>. Messages of one session are processed one at a time (striped locks) so two
/// concurrent messages cannot give one value two placeholders or lose a vault update.
/// </summary>
public sealed class PiiGuardService : IPiiGuard
{
    private const int LockStripes = 64;

    private readonly IPiiAnalyzer _analyzer;
    private readonly PiiAnonymizer _anonymizer;
    private readonly PiiVaultRepository _vaults;
    private readonly PiiOutputGuard _outputGuard;
    private readonly IPiiDetectionSink _sink;
    private readonly TimeProvider _time;
    private readonly PiiGuardOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim[] _sessionLocks = [.. Enumerable.Range(0, LockStripes).Select(_ => new SemaphoreSlim(1, 1))];

    public PiiGuardService(
        IPiiAnalyzer analyzer,
        PiiAnonymizer anonymizer,
        PiiVaultRepository vaults,
        PiiOutputGuard outputGuard,
        IPiiDetectionSink sink,
        IOptions<PiiGuardOptions> options,
        TimeProvider? time = null,
        ILogger<PiiGuardService>? logger = null)
    {
        _analyzer = analyzer;
        _anonymizer = anonymizer;
        _vaults = vaults;
        _outputGuard = outputGuard;
        _sink = sink;
        _options = options.Value;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public PiiAnalysisResult Analyze(string text, PiiChannel channel = PiiChannel.Chat) => _analyzer.Analyze(text, channel);

    public async Task<PiiMessageResult> ProcessMessageAsync(PiiMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.SessionId);
        ArgumentNullException.ThrowIfNull(message.Text);

        var analysis = _analyzer.Analyze(message.Text, message.Channel);
        var gate = _sessionLocks[(int)((uint)StringComparer.Ordinal.GetHashCode(message.SessionId) % LockStripes)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        AnonymizedText anonymized;
        PiiVault vault;
        try
        {
            vault = await _vaults.LoadAsync(message.SessionId, cancellationToken).ConfigureAwait(false);
            anonymized = _anonymizer.Anonymize(analysis, vault);
            await _vaults.SaveAsync(vault, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }

        var records = BuildRecords(message, anonymized);
        if (records.Count > 0)
        {
            try
            {
                await _sink.RecordAsync(records, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                PiiGuardLog.SinkFailed(_logger, ex, message.SourceType, message.SourceId, records.Count);
                throw;
            }
        }

        var detections = anonymized.Replacements.Concat(anonymized.Untouched)
            .OrderBy(r => r.Entity.Start)
            .Select(r => new PiiDetection(r.Entity.Type, r.Entity.Start, r.Entity.End, r.Entity.Score, r.Entity.Recognizer, r.Placeholder, r.Action))
            .ToList();
        PiiGuardLog.MessageProcessed(
            _logger,
            message.SourceType,
            message.SourceId,
            message.SessionId,
            anonymized.Replacements.Count,
            string.Join(",", anonymized.Replacements.Select(r => r.Entity.Type.ToWireName()).Distinct()),
            anonymized.SecurityCodesDropped);
        return new PiiMessageResult(anonymized.Text, detections, anonymized.SecurityCodesDropped, vault);
    }

    public Task<PiiVault> GetVaultAsync(string sessionId, CancellationToken cancellationToken = default) =>
        _vaults.LoadAsync(sessionId, cancellationToken);

    public async Task SaveVaultAsync(PiiVault vault, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vault);
        var gate = _sessionLocks[(int)((uint)StringComparer.Ordinal.GetHashCode(vault.SessionId) % LockStripes)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _vaults.SaveAsync(vault, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public string MaskOutput(string text, PiiVault vault, OutputMaskStyle style = OutputMaskStyle.DisplayMask) =>
        _outputGuard.Mask(text, vault, style);

    public PiiStreamGuard CreateStreamGuard(PiiVault vault, OutputMaskStyle style = OutputMaskStyle.DisplayMask) =>
        _outputGuard.CreateStream(vault, style);

    private List<PiiDetectionRecord> BuildRecords(PiiMessage message, AnonymizedText anonymized)
    {
        var now = _time.GetUtcNow();
        var contextLength = Math.Min(_options.ContextCharacters, 500);
        var masked = anonymized.Text;
        var records = new List<PiiDetectionRecord>(anonymized.Replacements.Count + anonymized.Untouched.Count);
        foreach (var applied in anonymized.Replacements.Concat(anonymized.Untouched))
        {
            var start = Math.Clamp(applied.MaskedStart, 0, masked.Length);
            var end = Math.Clamp(applied.MaskedStart + applied.MaskedLength, start, masked.Length);
            records.Add(new PiiDetectionRecord
            {
                SessionId = message.SessionId,
                Type = applied.Entity.Type,
                ValueHash = applied.ValueHash,
                Confidence = Math.Round(applied.Entity.Score, 4),
                Action = applied.Action,
                ContextBefore = masked[Math.Max(0, start - contextLength)..start],
                ContextAfter = masked[end..Math.Min(masked.Length, end + contextLength)],
                SourceType = message.SourceType,
                SourceId = message.SourceId,
                Recognizer = applied.Entity.Recognizer,
                Explanation = applied.Entity.Explanation,
                Placeholder = applied.Placeholder,
                Start = applied.Entity.Start,
                Length = applied.Entity.Length,
                DetectedAt = now,
            });
        }

        return records;
    }
}
