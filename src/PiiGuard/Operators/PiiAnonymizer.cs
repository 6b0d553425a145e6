using System.Text;
using BankingLlm.PiiGuard.Analysis;
using BankingLlm.PiiGuard.Recording;
using BankingLlm.PiiGuard.Vault;
using Microsoft.Extensions.Options;

namespace BankingLlm.PiiGuard.Operators;

/// <summary>
/// Applies the operators to an analysis: placeholders for detections (value into the vault, or only its hash for
/// never-stored types), drop for card security codes; allowed and flagged values stay as they are.
/// </summary>
public sealed class PiiAnonymizer(IPiiValueHasher hasher, IOptions<PiiGuardOptions> options)
{
    private readonly PiiGuardOptions _options = options.Value;

    public AnonymizedText Anonymize(PiiAnalysisResult analysis, PiiVault vault)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(vault);
        var edits = new List<(int Start, int End, string Replacement, PiiEntity? Entity, string? Hash, PiiAction Action)>();
        foreach (var entity in analysis.Entities)
        {
            var hash = hasher.Hash(entity.Type, entity.CanonicalValue);
            var store = !_options.IsNeverStored(entity.Type);
            var placeholder = PlaceholderOperator.Apply(entity, hash, vault, store);
            edits.Add((entity.Start, entity.End, placeholder, entity, hash, store ? PiiAction.Encrypted : PiiAction.Masked));
        }

        foreach (var (start, end) in analysis.SecurityCodes)
        {
            edits.Add((start, end, SecurityCodeDropOperator.Marker, null, null, PiiAction.Masked));
        }

        edits.Sort((a, b) => a.Start.CompareTo(b.Start));
        var text = analysis.Text;
        var builder = new StringBuilder(text.Length);
        var replacements = new List<AppliedReplacement>(edits.Count);
        var shifts = new List<(int OriginalEnd, int Delta)>(edits.Count);
        var position = 0;
        var delta = 0;
        foreach (var edit in edits)
        {
            if (edit.Start < position)
            {
                continue; // overlaps were resolved by the analyzer; a security code inside a detection is already gone
            }

            builder.Append(text, position, edit.Start - position);
            var maskedStart = builder.Length;
            builder.Append(edit.Replacement);
            if (edit.Entity is { } entity)
            {
                replacements.Add(new AppliedReplacement(entity, edit.Replacement, edit.Hash!, edit.Action, maskedStart, edit.Replacement.Length));
            }

            delta += edit.Replacement.Length - (edit.End - edit.Start);
            shifts.Add((edit.End, delta));
            position = edit.End;
        }

        builder.Append(text, position, text.Length - position);
        var masked = builder.ToString();

        var untouched = new List<AppliedReplacement>();
        foreach (var (entity, action) in analysis.Allowed.Select(e => (e, PiiAction.Allowed)).Concat(analysis.Flagged.Select(e => (e, PiiAction.Flagged))))
        {
            var start = MapToMasked(entity.Start, shifts);
            untouched.Add(new AppliedReplacement(entity, null, hasher.Hash(entity.Type, entity.CanonicalValue), action, start, entity.Length));
        }

        return new AnonymizedText(masked, replacements, untouched, analysis.SecurityCodes.Count);
    }

    private static int MapToMasked(int originalPosition, List<(int OriginalEnd, int Delta)> shifts)
    {
        var delta = 0;
        foreach (var (end, d) in shifts)
        {
            if (end > originalPosition)
            {
                break;
            }

            delta = d;
        }

        return originalPosition + delta;
    }
}

/// <summary>The masked text and what was done to each detection.</summary>
/// <param name="Text">The text with placeholders (and security codes dropped): what the model may see.</param>
/// <param name="Replacements">Detections replaced by placeholders, in text order.</param>
/// <param name="Untouched">Allowed and flagged detections, left in the text.</param>
/// <param name="SecurityCodesDropped">How many card security codes were removed.</param>
public sealed record AnonymizedText(string Text, IReadOnlyList<AppliedReplacement> Replacements, IReadOnlyList<AppliedReplacement> Untouched, int SecurityCodesDropped);

/// <summary>One operator application; <see cref="MaskedStart"/>/<see cref="MaskedLength"/> locate it in the masked text.</summary>
public sealed record AppliedReplacement(PiiEntity Entity, string? Placeholder, string ValueHash, PiiAction Action, int MaskedStart, int MaskedLength);
