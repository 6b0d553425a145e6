using BankingLlm.PiiGuard.Analysis;
using BankingLlm.PiiGuard.Output;
using BankingLlm.PiiGuard.Vault;

namespace BankingLlm.PiiGuard;

/// <summary>The PII guard's entry point for the host.</summary>
public interface IPiiGuard
{
    /// <summary>Detection only (no vault, no recording): for scans and the CLI.</summary>
    PiiAnalysisResult Analyze(string text, PiiChannel channel = PiiChannel.Chat);

    /// <summary>
    /// Guards one incoming message: detect, replace values by session placeholders (values into the encrypted vault),
    /// drop security codes, record every detection through <see cref="Recording.IPiiDetectionSink"/>.
    /// </summary>
    Task<PiiMessageResult> ProcessMessageAsync(PiiMessage message, CancellationToken cancellationToken = default);

    /// <summary>The session's vault (for tools: <c>vault.Resolve("[ACCOUNT_NUMBER_1]")</c>).</summary>
    Task<PiiVault> GetVaultAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Saves a vault changed outside <see cref="ProcessMessageAsync"/> (e.g. by the output guard in placeholder style).</summary>
    Task SaveVaultAsync(PiiVault vault, CancellationToken cancellationToken = default);

    /// <summary>Masks PII in model output.</summary>
    string MaskOutput(string text, PiiVault vault, OutputMaskStyle style = OutputMaskStyle.DisplayMask);

    /// <summary>A stream guard for one streamed reply.</summary>
    PiiStreamGuard CreateStreamGuard(PiiVault vault, OutputMaskStyle style = OutputMaskStyle.DisplayMask);
}
