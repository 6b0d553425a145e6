using System.Text;
using BankingLlm.PiiGuard.Analysis;
using BankingLlm.PiiGuard.Operators;
using BankingLlm.PiiGuard.Vault;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BankingLlm.PiiGuard.Output;

/// <summary>
/// Masks PII in text the model produced before it reaches a person or a log. A value already in the session's vault
/// maps back to its placeholder / display mask, so "[ACCOUNT_NUMBER_1]" and the raw digits render the same.
/// </summary>
public sealed class PiiOutputGuard(IPiiAnalyzer analyzer, IPiiValueHasher hasher, IOptions<PiiGuardOptions> options, ILogger<PiiOutputGuard>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly PiiGuardOptions _options = options.Value;

    /// <summary>Masks every detected value in <paramref name="text"/>.</summary>
    public string Mask(string text, PiiVault vault, OutputMaskStyle style = OutputMaskStyle.DisplayMask) =>
        MaskAfter(string.Empty, text, vault, style);

    /// <summary>Starts a streaming guard over the chunks of one reply.</summary>
    public PiiStreamGuard CreateStream(PiiVault vault, OutputMaskStyle style = OutputMaskStyle.DisplayMask) => new(this, vault, style);

    /// <summary>
    /// Masks <paramref name="text"/>, analysed together with <paramref name="context"/> (already released text just
    /// before it) so cue words that ended a previous chunk still count. Only <paramref name="text"/> is returned.
    /// </summary>
    internal string MaskAfter(string context, string text, PiiVault vault, OutputMaskStyle style)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(vault);
        if (text.Length == 0)
        {
            return text;
        }

        var whole = context + text;
        var analysis = analyzer.Analyze(whole, PiiChannel.Chat);
        var builder = new StringBuilder(text.Length);
        var position = context.Length;
        var masked = 0;
        foreach (var entity in analysis.Entities)
        {
            if (entity.Start < context.Length)
            {
                continue;
            }

            builder.Append(whole, position, entity.Start - position);
            var hash = hasher.Hash(entity.Type, entity.CanonicalValue);
            string replacement;
            if (vault.TryGetPlaceholder(hash, out var placeholder))
            {
                replacement = style == OutputMaskStyle.Placeholder ? placeholder : vault.TryGetEntry(placeholder, out var entry) ? entry.DisplayMask : DisplayMask.For(entity.Type, entity.Value);
            }
            else if (style == OutputMaskStyle.Placeholder)
            {
                replacement = PlaceholderOperator.Apply(entity, hash, vault, storeValue: !_options.IsNeverStored(entity.Type));
            }
            else
            {
                replacement = DisplayMask.For(entity.Type, entity.Value);
            }

            builder.Append(replacement);
            position = entity.End;
            masked++;
        }

        builder.Append(whole, position, whole.Length - position);
        if (masked > 0)
        {
            PiiGuardLog.OutputMasked(_logger, masked, string.Join(",", analysis.Entities.Select(e => e.Type.ToWireName()).Distinct()));
        }

        var result = builder.ToString();
        return style == OutputMaskStyle.DisplayMask ? vault.RenderForDisplay(result) : result;
    }
}
