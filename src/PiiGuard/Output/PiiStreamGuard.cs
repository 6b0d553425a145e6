using System.Runtime.CompilerServices;
using System.Text;
using BankingLlm.PiiGuard.Vault;

namespace BankingLlm.PiiGuard.Output;

/// <summary>
/// Output guard for a reply that arrives in chunks. A value split across chunks ("4111 11" + "11 1111 1111 1111")
/// must never leak, so the guard holds back the tail that could still be part of a value and releases text only up to
/// a safe point: before the earliest of the last <see cref="TrailingWords"/> words that contains a digit, '@' or '+'
/// (a number, e-mail or house number may be growing there), extended back over any such word within
/// <see cref="ChainGapWords"/> words of it (so a long value is never cut at the window's edge), and never the last,
/// possibly unfinished, word. The held
/// text is masked together with what follows; <see cref="Complete"/> flushes the rest. Not thread-safe: one per reply.
/// </summary>
public sealed class PiiStreamGuard
{
    /// <summary>How many trailing words may belong to a value still being written (addresses run to ~12 words).</summary>
    public const int TrailingWords = 12;

    /// <summary>A held tail longer than this is released in part even without a safe point (bounded memory and latency).</summary>
    public const int MaxHeldCharacters = 2048;

    /// <summary>Words without a digit that may sit between two parts of one value ("521 Juniper Ln, San Jose, CA 95112").</summary>
    public const int ChainGapWords = 6;

    private const int ContextCharacters = 120;

    private readonly PiiOutputGuard _guard;
    private readonly PiiVault _vault;
    private readonly OutputMaskStyle _style;
    private readonly StringBuilder _pending = new();
    private string _released = string.Empty;
    private bool _completed;

    internal PiiStreamGuard(PiiOutputGuard guard, PiiVault vault, OutputMaskStyle style)
    {
        _guard = guard;
        _vault = vault;
        _style = style;
    }

    /// <summary>Adds a chunk; returns the masked text that is safe to send now (possibly empty).</summary>
    public string Push(string chunk)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        ArgumentNullException.ThrowIfNull(chunk);
        _pending.Append(chunk);
        var buffer = _pending.ToString();
        var safe = SafeReleaseLength(buffer);
        if (safe == 0)
        {
            return string.Empty;
        }

        _pending.Remove(0, safe);
        return Release(buffer[..safe]);
    }

    /// <summary>Ends the reply: masks and returns everything still held.</summary>
    public string Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _completed = true;
        var rest = _pending.ToString();
        _pending.Clear();
        return rest.Length == 0 ? string.Empty : Release(rest);
    }

    /// <summary>Guards a whole stream of chunks.</summary>
    public async IAsyncEnumerable<string> GuardAsync(IAsyncEnumerable<string> chunks, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var safe = Push(chunk);
            if (safe.Length > 0)
            {
                yield return safe;
            }
        }

        var last = Complete();
        if (last.Length > 0)
        {
            yield return last;
        }
    }

    private string Release(string text)
    {
        var masked = _guard.MaskAfter(_released, text, _vault, _style);
        var released = _released + masked;
        _released = released.Length > ContextCharacters ? released[^ContextCharacters..] : released;
        return masked;
    }

    /// <summary>How many leading characters of <paramref name="buffer"/> cannot be part of a value still being written.</summary>
    internal static int SafeReleaseLength(string buffer)
    {
        var end = buffer.Length;
        if (end == 0)
        {
            return 0;
        }

        // The last word may be unfinished.
        var hold = end;
        if (!char.IsWhiteSpace(buffer[end - 1]))
        {
            hold = WordStart(buffer, end - 1);
        }

        // Walk back over the last words; hold from the earliest one that could be part of a value.
        var i = end - 1;
        for (var words = 0; words < TrailingWords && i >= 0; words++)
        {
            while (i >= 0 && char.IsWhiteSpace(buffer[i]))
            {
                i--;
            }

            if (i < 0)
            {
                break;
            }

            var wordEnd = i + 1;
            var wordStart = WordStart(buffer, i);
            if (IsRisky(buffer.AsSpan(wordStart, wordEnd - wordStart)))
            {
                hold = Math.Min(hold, wordStart);
            }

            i = wordStart - 1;
        }

        // The window may end inside a value longer than it ("4111 1111 1111 1111 and [SSN_1]: your ..." with the
        // window's edge on the third group): keep holding while another risky word lies within ChainGapWords words
        // before the held one, so a value is never cut where the window happens to end.
        var j = hold - 1;
        for (var gap = 0; gap <= ChainGapWords && j >= 0;)
        {
            while (j >= 0 && char.IsWhiteSpace(buffer[j]))
            {
                j--;
            }

            if (j < 0)
            {
                break;
            }

            var wordStart = WordStart(buffer, j);
            if (IsRisky(buffer.AsSpan(wordStart, j + 1 - wordStart)))
            {
                hold = wordStart;
                gap = 0;
            }
            else
            {
                gap++;
            }

            j = wordStart - 1;
        }

        if (end - hold > MaxHeldCharacters)
        {
            hold = WordStart(buffer, end - (MaxHeldCharacters / 2));
        }

        return hold;
    }

    private static int WordStart(string buffer, int index)
    {
        while (index > 0 && !char.IsWhiteSpace(buffer[index - 1]))
        {
            index--;
        }

        return index;
    }

    private static bool IsRisky(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsAsciiDigit(c) || c is '@' or '+')
            {
                return true;
            }
        }

        return false;
    }
}
