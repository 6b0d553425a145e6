using BankingLlm.PiiGuard.Text;

namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>The text being analysed and what is shared between recognizers (cue words, character statistics).</summary>
public sealed class RecognizerContext
{
    private CueIndex? _cues;

    public RecognizerContext(string text, PiiChannel channel)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Channel = channel;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                DigitCount++;
            }
            else if (c == '@')
            {
                HasAt = true;
            }
        }
    }

    /// <summary>The text recognizers run on: typed text as is, or the normalised voice transcript.</summary>
    public string Text { get; }

    public PiiChannel Channel { get; }

    public bool IsVoice => Channel == PiiChannel.Voice;

    public int DigitCount { get; }

    public bool HasAt { get; }

    /// <summary>Context words of the text, built on first use.</summary>
    public CueIndex Cues => _cues ??= CueIndex.Build(Text);
}
