using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.Sequence;

namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>
/// Second opinion from Microsoft.Recognizers.Text Sequence for phone numbers (and e-mail in typed text). Off by
/// default (<see cref="PiiGuardOptions.UseRecognizersText"/>): it is about two orders of magnitude slower than the
/// regex recognizers and on our corpus adds no recall; its scores stay below the checksum-backed recognizers so it
/// never wins an overlap against them.
/// </summary>
public sealed class RecognizersTextSequenceRecognizer : PiiRecognizerBase
{
    public override string Name => nameof(RecognizersTextSequenceRecognizer);

    public override PiiType Type => PiiType.Phone;

    public override bool CanMatch(RecognizerContext context) => context.DigitCount >= 7 || context.HasAt;

    public override void Recognize(RecognizerContext context, List<RecognizerResult> results)
    {
        var text = context.Text;
        if (context.DigitCount >= 7)
        {
            foreach (var model in SequenceRecognizer.RecognizePhoneNumber(text, Culture.English))
            {
                var score = model.Resolution is { } resolution && resolution.TryGetValue("score", out var raw)
                    && double.TryParse(Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                    ? Math.Min(parsed, 0.7)
                    : 0.55;
                results.Add(new RecognizerResult(PiiType.Phone, model.Start, model.End + 1, score, Name, "Microsoft.Recognizers.Text phone number"));
            }
        }

        if (context.HasAt)
        {
            foreach (var model in SequenceRecognizer.RecognizeEmail(text, Culture.English))
            {
                results.Add(new RecognizerResult(PiiType.Email, model.Start, model.End + 1, 0.7, Name, "Microsoft.Recognizers.Text e-mail"));
            }
        }
    }
}
