using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace BankingLlm.PiiGuard.Voice;

/// <summary>
/// Rewrites an ASR transcript into written form so the same recognizers work on voice and chat:
/// spoken digits ("nine oh seven triple five") become "907555", spelled letters join the digits they belong to
/// ("s a v five eight" -> "SAV58"), "plus" starts an international number, spoken e-mail addresses
/// ("dana dot whitfield at example dot com") become "dana.whitfield@example.com", and cardinal numbers
/// ("four twenty one", "three hundred twenty five", "seventy six fifty", "thirty third") become digits.
/// Every output character remembers the original span it came from (<see cref="NormalizedText.ToOriginal"/>).
/// </summary>
public static class SpokenFormNormalizer
{
    private static readonly FrozenSet<string> Separators = FrozenSet.ToFrozenSet(["dot", "underscore", "dash", "hyphen"], StringComparer.OrdinalIgnoreCase);

    // Words that cannot be the last word of an e-mail local part: "call me at", "i was at", "email is at".
    private static readonly FrozenSet<string> NotLocalPart = FrozenSet.ToFrozenSet(
    [
        "me", "us", "him", "her", "them", "it", "is", "was", "were", "be", "been", "am", "are", "email", "mail", "address",
        "that", "this", "here", "there", "and", "or", "to", "the", "a", "an", "home", "work", "look", "looking", "arrive",
        "arrived", "i", "you", "we", "they", "office", "bank", "branch", "store", "charged", "back", "stay", "staying",
        "reach", "reached", "contact", "write", "send", "sent", "from", "my", "your", "our", "his", "their", "one", "least",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Normalises <paramref name="transcript"/>; returns the identity mapping when nothing is spoken-form.</summary>
    public static NormalizedText Normalize(string transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var tokens = Tokenize(transcript);
        if (tokens.Count == 0)
        {
            return NormalizedText.Identity(transcript);
        }

        var emails = FindEmails(tokens);
        var builder = new Builder(transcript);
        var i = 0;
        var emailIndex = 0;
        while (i < tokens.Count)
        {
            if (emailIndex < emails.Count && emails[emailIndex].From == i)
            {
                var (from, to, atIndex) = emails[emailIndex++];
                EmitEmail(builder, tokens, from, to, atIndex);
                i = to + 1;
                continue;
            }

            i = TryNumberRun(builder, tokens, i, out var next) ? next : i + 1;
        }

        return builder.Build();
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }

            tokens.Add(new Token(start, i, text[start..i].ToLowerInvariant()));
        }

        return tokens;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '\'';

    private static bool IsLabel(Token token) =>
        token.Word.Length > 0 && !Separators.Contains(token.Word) && token.Word != "at" && token.Word.All(char.IsAsciiLetterOrDigit);

    private static bool IsDigitWord(string word) => NumberWords.Units.ContainsKey(word);

    // ---- e-mail ----------------------------------------------------------------------------------------------

    private static List<(int From, int To, int At)> FindEmails(List<Token> tokens)
    {
        var found = new List<(int From, int To, int At)>();
        var lastTo = -1;
        for (var at = 1; at < tokens.Count - 3; at++)
        {
            if (tokens[at].Word != "at")
            {
                continue;
            }

            // Domain: label (sep label)+ with at least one "dot".
            var j = at + 1;
            if (!IsLabel(tokens[j]) || IsDigitWord(tokens[j].Word))
            {
                continue;
            }

            var dots = 0;
            while (j + 2 < tokens.Count && (tokens[j + 1].Word is "dot" or "dash" or "hyphen") && IsLabel(tokens[j + 2]))
            {
                dots += tokens[j + 1].Word == "dot" ? 1 : 0;
                j += 2;
            }

            if (dots == 0)
            {
                continue;
            }

            // Local part, backwards: trailing spoken digits, a word, then (separator word)*.
            var k = at - 1;
            while (k >= 0 && (IsDigitWord(tokens[k].Word) || NumberWords.IsRepeat(tokens[k].Word, out _)))
            {
                k--;
            }

            if (k < 0 || k <= lastTo || !IsLabel(tokens[k]) || IsDigitWord(tokens[k].Word) || NotLocalPart.Contains(tokens[k].Word))
            {
                continue;
            }

            while (k - 2 > lastTo && Separators.Contains(tokens[k - 1].Word) && IsLabel(tokens[k - 2]) && !NotLocalPart.Contains(tokens[k - 2].Word))
            {
                k -= 2;
            }

            found.Add((k, j, at));
            lastTo = j;
            at = j;
        }

        return found;
    }

    private static void EmitEmail(Builder builder, List<Token> tokens, int from, int to, int atIndex)
    {
        builder.CopyOriginalTo(tokens[from].Start);
        for (var k = from; k <= to; k++)
        {
            var token = tokens[k];
            var word = token.Word;
            if (k == atIndex)
            {
                builder.Append("@", token.Start, token.End);
            }
            else if (NumberWords.IsRepeat(word, out var count) && k + 1 < atIndex && NumberWords.Units.TryGetValue(tokens[k + 1].Word, out var repeated))
            {
                builder.Append(new string((char)('0' + repeated), count), token.Start, tokens[k + 1].End);
                k++;
            }
            else if (k < atIndex && NumberWords.Units.TryGetValue(word, out var digit) && k > from)
            {
                builder.Append(((char)('0' + digit)).ToString(), token.Start, token.End);
            }
            else
            {
                builder.Append(
                    word switch
                    {
                        "dot" => ".",
                        "underscore" => "_",
                        "dash" or "hyphen" => "-",
                        _ => word,
                    },
                    token.Start,
                    token.End);
            }
        }

        builder.Skip(tokens[to].End);
    }

    // ---- numbers and spelled letters ------------------------------------------------------------------------

    private enum ItemKind
    {
        Unit,
        Repeat,
        Teen,
        Tens,
        Hundred,
        Thousand,
        Ordinal,
        Letter,
        Separator,
    }

    private readonly record struct Item(ItemKind Kind, int Value, int From, int To, int Count = 1);

    private static bool TryNumberRun(Builder builder, List<Token> tokens, int start, out int next)
    {
        next = start + 1;
        var plus = tokens[start].Word == "plus";
        var s = plus ? start + 1 : start;
        var items = CollectRun(tokens, s);
        if (items.Count == 0)
        {
            return false;
        }

        var digitCount = 0;
        var hasCompound = false;
        var firstLetter = -1;
        for (var k = 0; k < items.Count; k++)
        {
            switch (items[k].Kind)
            {
                case ItemKind.Unit:
                    digitCount++;
                    break;
                case ItemKind.Repeat:
                    digitCount += items[k].Count;
                    break;
                case ItemKind.Letter:
                    firstLetter = firstLetter < 0 ? k : firstLetter;
                    break;
                case ItemKind.Separator:
                    break;
                default:
                    hasCompound = true;
                    break;
            }
        }

        if (firstLetter >= 0 && (hasCompound || digitCount < 5))
        {
            if (firstLetter == 0)
            {
                // Only a run of three or more spelled letters ("c h k") stands on its own.
                var letters = 0;
                while (letters < items.Count && items[letters].Kind == ItemKind.Letter)
                {
                    letters++;
                }

                if (letters < 3 || plus)
                {
                    return false;
                }

                items.RemoveRange(letters, items.Count - letters);
                EmitSimple(builder, tokens, items, plusToken: null);
                next = items[^1].To + 1;
                return true;
            }

            items.RemoveRange(firstLetter, items.Count - firstLetter);
            TrimTrailing(items);
            return TryNumberRunItems(builder, tokens, start, plus, items, out next);
        }

        return TryNumberRunItems(builder, tokens, start, plus, items, out next);
    }

    private static bool TryNumberRunItems(Builder builder, List<Token> tokens, int start, bool plus, List<Item> items, out int next)
    {
        next = start + 1;
        if (items.Count == 0)
        {
            return false;
        }

        var hasCompound = items.Exists(item => item.Kind is ItemKind.Teen or ItemKind.Tens or ItemKind.Hundred or ItemKind.Thousand or ItemKind.Ordinal);
        var digitTokens = items.Count(item => item.Kind is ItemKind.Unit or ItemKind.Repeat);

        // A lone "oh" / "o" is an interjection, not a zero.
        if (!hasCompound && items.Count == 1 && items[0].Kind == ItemKind.Unit && tokens[items[0].From].Word is "oh" or "o")
        {
            return false;
        }

        if (plus && (hasCompound || digitTokens < 4))
        {
            plus = false;
        }

        var plusToken = plus ? tokens[start] : (Token?)null;
        if (hasCompound)
        {
            EmitCompound(builder, tokens, items, plusToken);
        }
        else
        {
            EmitSimple(builder, tokens, items, plusToken);
        }

        next = items[^1].To + 1;
        return true;
    }

    private static List<Item> CollectRun(List<Token> tokens, int s)
    {
        var items = new List<Item>();
        var j = s;
        while (j < tokens.Count)
        {
            var word = tokens[j].Word;
            var hasNumber = items.Exists(item => item.Kind is not ItemKind.Letter and not ItemKind.Separator);
            if (NumberWords.Units.TryGetValue(word, out var unit))
            {
                items.Add(new Item(ItemKind.Unit, unit, j, j));
            }
            else if (NumberWords.IsRepeat(word, out var count) && j + 1 < tokens.Count && NumberWords.Units.TryGetValue(tokens[j + 1].Word, out var repeated))
            {
                items.Add(new Item(ItemKind.Repeat, repeated, j, j + 1, count));
                j += 2;
                continue;
            }
            else if (NumberWords.Teens.TryGetValue(word, out var teen))
            {
                items.Add(new Item(ItemKind.Teen, teen, j, j));
            }
            else if (NumberWords.Tens.TryGetValue(word, out var tens))
            {
                items.Add(new Item(ItemKind.Tens, tens, j, j));
            }
            else if (word == "hundred" && hasNumber)
            {
                items.Add(new Item(ItemKind.Hundred, 100, j, j));
            }
            else if (word == "thousand" && hasNumber)
            {
                items.Add(new Item(ItemKind.Thousand, 1000, j, j));
            }
            else if (NumberWords.Ordinals.TryGetValue(word, out var ordinal) && hasNumber)
            {
                items.Add(new Item(ItemKind.Ordinal, ordinal, j, j));
                break;
            }
            else if (word.Length == 1 && char.IsAsciiLetterLower(word[0]))
            {
                items.Add(new Item(ItemKind.Letter, word[0], j, j));
            }
            else if (word is "dash" or "hyphen" && hasNumber && j + 1 < tokens.Count && IsDigitWord(tokens[j + 1].Word))
            {
                items.Add(new Item(ItemKind.Separator, 0, j, j));
            }
            else
            {
                break;
            }

            j++;
        }

        // Letters only ("c h k") stay as they are; otherwise trailing letters are words, not part of the number.
        if (items.Exists(item => item.Kind is not ItemKind.Letter and not ItemKind.Separator))
        {
            TrimTrailing(items);
        }

        return items;
    }

    private static void TrimTrailing(List<Item> items)
    {
        while (items.Count > 0 && items[^1].Kind is ItemKind.Letter or ItemKind.Separator)
        {
            items.RemoveAt(items.Count - 1);
        }
    }

    private static void EmitSimple(Builder builder, List<Token> tokens, List<Item> items, Token? plusToken)
    {
        builder.CopyOriginalTo(plusToken?.Start ?? tokens[items[0].From].Start);
        if (plusToken is { } plus)
        {
            builder.Append("+", plus.Start, plus.End);
        }

        foreach (var item in items)
        {
            var from = tokens[item.From].Start;
            var to = tokens[item.To].End;
            switch (item.Kind)
            {
                case ItemKind.Unit:
                    builder.Append(((char)('0' + item.Value)).ToString(), from, to);
                    break;
                case ItemKind.Repeat:
                    builder.Append(new string((char)('0' + item.Value), item.Count), from, to);
                    break;
                case ItemKind.Letter:
                    builder.Append(char.ToUpperInvariant((char)item.Value).ToString(), from, to);
                    break;
                default:
                    break;
            }
        }

        builder.Skip(tokens[items[^1].To].End);
    }

    private enum Slot
    {
        None,
        Closed,
        UnitsOpen,
        TensAndUnitsOpen,
        AfterThousand,
    }

    private static void EmitCompound(Builder builder, List<Token> tokens, List<Item> items, Token? plusToken)
    {
        builder.CopyOriginalTo(plusToken?.Start ?? tokens[items[0].From].Start);
        if (plusToken is { } plus)
        {
            builder.Append("+", plus.Start, plus.End);
        }

        var slot = Slot.None;
        long group = 0;
        long thousands = 0;
        var groupFrom = -1;
        var groupTo = -1;
        var lastEnd = -1;

        void Flush(string suffix = "")
        {
            if (groupFrom < 0)
            {
                return;
            }

            var value = (thousands * 1000) + group;
            builder.Append(value.ToString(CultureInfo.InvariantCulture) + suffix, tokens[groupFrom].Start, tokens[groupTo].End);
            lastEnd = tokens[groupTo].End;
            group = 0;
            thousands = 0;
            groupFrom = -1;
            slot = Slot.None;
        }

        void Start(Item item, long value, Slot next)
        {
            Flush();
            group = value;
            groupFrom = item.From;
            groupTo = item.To;
            slot = next;
        }

        foreach (var item in items)
        {
            switch (item.Kind)
            {
                case ItemKind.Unit when item.Value == 0:
                case ItemKind.Repeat:
                    Flush();
                    builder.Append(new string((char)('0' + item.Value), item.Count), tokens[item.From].Start, tokens[item.To].End);
                    lastEnd = tokens[item.To].End;
                    break;
                case ItemKind.Unit:
                    if (slot is Slot.UnitsOpen or Slot.TensAndUnitsOpen)
                    {
                        group += item.Value;
                        groupTo = item.To;
                        slot = Slot.Closed;
                    }
                    else if (slot == Slot.AfterThousand)
                    {
                        group = item.Value;
                        groupTo = item.To;
                        slot = Slot.Closed;
                    }
                    else
                    {
                        Start(item, item.Value, Slot.Closed);
                    }

                    break;
                case ItemKind.Teen:
                    if (slot is Slot.TensAndUnitsOpen or Slot.AfterThousand)
                    {
                        group += item.Value;
                        groupTo = item.To;
                        slot = Slot.Closed;
                    }
                    else
                    {
                        Start(item, item.Value, Slot.Closed);
                    }

                    break;
                case ItemKind.Tens:
                    if (slot is Slot.TensAndUnitsOpen or Slot.AfterThousand)
                    {
                        group += item.Value;
                        groupTo = item.To;
                        slot = Slot.UnitsOpen;
                    }
                    else
                    {
                        Start(item, item.Value, Slot.UnitsOpen);
                    }

                    break;
                case ItemKind.Hundred:
                    if (groupFrom >= 0 && group is >= 1 and <= 99 && slot is Slot.Closed or Slot.UnitsOpen)
                    {
                        group *= 100;
                        groupTo = item.To;
                        slot = Slot.TensAndUnitsOpen;
                    }
                    else
                    {
                        Flush();
                        builder.Append("00", tokens[item.From].Start, tokens[item.To].End);
                    }

                    break;
                case ItemKind.Thousand:
                    if (groupFrom >= 0 && thousands == 0 && group is >= 1 and <= 999)
                    {
                        thousands = group;
                        group = 0;
                        groupTo = item.To;
                        slot = Slot.AfterThousand;
                    }
                    else
                    {
                        Flush();
                        builder.Append("000", tokens[item.From].Start, tokens[item.To].End);
                    }

                    break;
                case ItemKind.Ordinal:
                    if ((slot == Slot.UnitsOpen && item.Value < 10) || slot is Slot.TensAndUnitsOpen or Slot.AfterThousand)
                    {
                        group += item.Value;
                        groupTo = item.To;
                        Flush(NumberWords.OrdinalSuffix((int)(group % 100)));
                    }
                    else
                    {
                        Flush();
                        var token = tokens[item.From];
                        builder.Append(" ", lastEnd >= 0 ? lastEnd : token.Start, token.Start);
                        builder.Append(item.Value.ToString(CultureInfo.InvariantCulture) + NumberWords.OrdinalSuffix(item.Value), token.Start, token.End);
                    }

                    break;
                default:
                    break;
            }
        }

        Flush();
        builder.Skip(tokens[items[^1].To].End);
    }

    private readonly record struct Token(int Start, int End, string Word);

    /// <summary>Builds the normalised text and its offset map; original text is copied lazily between replacements.</summary>
    private sealed class Builder(string original)
    {
        private readonly StringBuilder _text = new(original.Length);
        private readonly List<int> _starts = new(original.Length);
        private readonly List<int> _ends = new(original.Length);
        private int _copied;
        private bool _changed;

        public void CopyOriginalTo(int position)
        {
            for (var i = _copied; i < position; i++)
            {
                _text.Append(original[i]);
                _starts.Add(i);
                _ends.Add(i + 1);
            }

            _copied = Math.Max(_copied, position);
        }

        public void Append(string value, int originalStart, int originalEnd)
        {
            foreach (var c in value)
            {
                _text.Append(c);
                _starts.Add(originalStart);
                _ends.Add(originalEnd);
            }

            _changed = true;
        }

        /// <summary>Marks original text up to <paramref name="position"/> as replaced.</summary>
        public void Skip(int position) => _copied = Math.Max(_copied, position);

        public NormalizedText Build()
        {
            if (!_changed)
            {
                return NormalizedText.Identity(original);
            }

            CopyOriginalTo(original.Length);
            return NormalizedText.Create(original, _text.ToString(), [.. _starts], [.. _ends]);
        }
    }
}
