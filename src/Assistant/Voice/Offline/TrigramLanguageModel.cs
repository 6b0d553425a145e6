using System.Globalization;

namespace BankingLlm.Assistant.Voice.Offline;

/// <summary>
/// A trigram language model with interpolated absolute discounting, written as an ARPA backoff file for
/// pocketsphinx. For every order, a seen n-gram keeps its count minus a discount D, and the mass taken away
/// (D x distinct continuations / history count) goes to the lower order: p(w|h) = max(c(h,w) - D, 0) / c(h) +
/// a(h) p(w|h'). Unigrams are interpolated with the uniform distribution over the vocabulary. Because the
/// interpolated probability of every seen n-gram is stored and a(h) is the backoff weight, the ARPA file encodes
/// exactly this model, and each conditional distribution sums to one (unit-tested). D per order is Ney's estimate
/// n1 / (n1 + 2 n2) from the counts-of-counts, kept within [0.1, 0.9].
/// </summary>
public sealed class TrigramLanguageModel
{
    public const string Start = "<s>";
    public const string End = "</s>";

    private readonly Dictionary<string, double> _unigram = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _bigram = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _trigram = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _backoff = new(StringComparer.Ordinal);

    private TrigramLanguageModel()
    {
    }

    /// <summary>The words (without &lt;s&gt;, with &lt;/s&gt;) the model predicts.</summary>
    public IReadOnlyCollection<string> Vocabulary => _unigram.Keys;

    public IReadOnlyList<double> Discounts { get; private init; } = [];

    public static TrigramLanguageModel Train(IEnumerable<IReadOnlyList<string>> sentences)
    {
        var c1 = new Dictionary<string, int>(StringComparer.Ordinal);
        var c2 = new Dictionary<string, int>(StringComparer.Ordinal);
        var c3 = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            if (sentence.Count == 0)
            {
                continue;
            }
            var words = new List<string>(sentence.Count + 2) { Start };
            words.AddRange(sentence);
            words.Add(End);
            for (var i = 1; i < words.Count; i++)
            {
                Add(c1, words[i]);
                Add(c2, Key(words[i - 1], words[i]));
                if (i >= 2)
                {
                    Add(c3, Key(words[i - 2], words[i - 1], words[i]));
                }
            }
        }
        if (c1.Count == 0)
        {
            throw new ArgumentException("The corpus has no words.", nameof(sentences));
        }

        var d1 = Discount(c1.Values);
        var d2 = Discount(c2.Values);
        var d3 = Discount(c3.Values);
        var model = new TrigramLanguageModel { Discounts = [d1, d2, d3] };

        // Unigrams, interpolated with the uniform distribution.
        var total = c1.Values.Sum();
        var uniformMass = d1 * c1.Count / total;
        foreach (var (word, count) in c1)
        {
            model._unigram[word] = ((count - d1) / total) + (uniformMass / c1.Count);
        }

        model.Interpolate(c2, d2, model._bigram, (_, word) => model._unigram[word]);
        model.Interpolate(c3, d3, model._trigram, (history, word) => model.Bigram(Lower(history), word));
        return model;
    }

    /// <summary>p(word | two previous words) by the ARPA backoff rules, i.e. what the decoder will use.</summary>
    public double Probability(string previous2, string previous1, string word)
    {
        if (_trigram.TryGetValue(Key(previous2, previous1, word), out var p3))
        {
            return p3;
        }
        return BackoffOf(Key(previous2, previous1)) * Bigram(previous1, word);
    }

    public double Bigram(string previous, string word)
    {
        if (_bigram.TryGetValue(Key(previous, word), out var p2))
        {
            return p2;
        }
        return BackoffOf(previous) * (_unigram.TryGetValue(word, out var p1) ? p1 : 0);
    }

    public void WriteArpa(TextWriter writer)
    {
        var unigrams = _unigram.Keys.Append(Start).Order(StringComparer.Ordinal).ToList();
        writer.WriteLine();
        writer.WriteLine("\\data\\");
        writer.WriteLine($"ngram 1={unigrams.Count}");
        writer.WriteLine($"ngram 2={_bigram.Count}");
        writer.WriteLine($"ngram 3={_trigram.Count}");
        writer.WriteLine();
        writer.WriteLine("\\1-grams:");
        foreach (var word in unigrams)
        {
            var logProb = word == Start ? "-99" : Log(_unigram[word]);
            writer.WriteLine(_backoff.TryGetValue(word, out var bow) ? $"{logProb}\t{word}\t{Log(bow)}" : $"{logProb}\t{word}");
        }
        WriteOrder(writer, 2, _bigram, withBackoff: true);
        WriteOrder(writer, 3, _trigram, withBackoff: false);
        writer.WriteLine();
        writer.WriteLine("\\end\\");
    }

    private void WriteOrder(TextWriter writer, int order, Dictionary<string, double> table, bool withBackoff)
    {
        writer.WriteLine();
        writer.WriteLine($"\\{order}-grams:");
        foreach (var (ngram, p) in table.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var words = ngram.Replace(' ', '\t');
            writer.WriteLine(withBackoff && _backoff.TryGetValue(ngram, out var bow) ? $"{Log(p)}\t{words}\t{Log(bow)}" : $"{Log(p)}\t{words}");
        }
    }

    /// <summary>Seen n-grams of one order: discounted relative frequency plus the history's left-over mass times the lower order.</summary>
    private void Interpolate(Dictionary<string, int> counts, double discount, Dictionary<string, double> table, Func<string, string, double> lower)
    {
        var histories = new Dictionary<string, (int Total, int Types)>(StringComparer.Ordinal);
        foreach (var (ngram, count) in counts)
        {
            var history = ngram[..ngram.LastIndexOf(' ')];
            var entry = histories.GetValueOrDefault(history);
            histories[history] = (entry.Total + count, entry.Types + 1);
        }
        foreach (var (ngram, count) in counts)
        {
            var split = ngram.LastIndexOf(' ');
            var history = ngram[..split];
            var word = ngram[(split + 1)..];
            var (total, types) = histories[history];
            var leftOver = discount * types / total;
            table[ngram] = ((count - discount) / total) + (leftOver * lower(history, word));
        }
        foreach (var (history, (total, types)) in histories)
        {
            _backoff[history] = discount * types / total;
        }
    }

    private double BackoffOf(string history) => _backoff.TryGetValue(history, out var bow) ? bow : 1.0;

    private static double Discount(IEnumerable<int> counts)
    {
        int n1 = 0, n2 = 0;
        foreach (var c in counts)
        {
            if (c == 1)
            {
                n1++;
            }
            else if (c == 2)
            {
                n2++;
            }
        }
        return n1 + n2 == 0 ? 0.5 : Math.Clamp((double)n1 / (n1 + (2.0 * n2)), 0.1, 0.9);
    }

    private static string Lower(string history) => history[(history.IndexOf(' ') + 1)..];

    private static string Key(string a, string b) => a + " " + b;

    private static string Key(string a, string b, string c) => a + " " + b + " " + c;

    private static void Add(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string Log(double p) => Math.Log10(p).ToString("0.######", CultureInfo.InvariantCulture);
}
