using BankingLlm.Assistant.Voice;
using BankingLlm.Assistant.Voice.Offline;

namespace BankingLlm.Assistant.Tests.Voice;

public sealed class DomainCorpusTests
{
    private const string CmuDictionary = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    [Fact]
    public void Corpus_is_deterministic_and_covers_the_banking_vocabulary()
    {
        var first = DomainCorpus.Sentences().ToList();
        Assert.Equal(first, DomainCorpus.Sentences().ToList());
        var words = first.SelectMany(DomainCorpus.Words).ToHashSet();
        foreach (var word in new[] { "balance", "transfer", "checking", "savings", "dollars", "hundred", "thousand", "cents", "yes", "repeat",
                     "ending", "routing", "oh", "zero", "march", "twenty", "third", "fraud", "person" })
        {
            Assert.Contains(word, words);
        }
        Assert.All(first, s => Assert.DoesNotContain("{", s, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_corpus_word_has_a_pronunciation()
    {
        var words = DomainCorpus.Sentences().SelectMany(DomainCorpus.Words).ToHashSet();
        var lexicon = PronunciationLexicon.Load(CmuDictionary, words);
        Assert.DoesNotContain(words, w => !lexicon.Contains(w));
        var writer = new StringWriter();
        lexicon.Write(writer);
        Assert.Contains("checking CH EH K IH NG", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("kyc K EY W AY S IY", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_dictionary_names_the_setting()
    {
        var ex = Assert.Throws<SpeechServiceException>(() => PronunciationLexicon.Load("/nonexistent/cmudict.dict", new HashSet<string>()));
        Assert.Contains("Voice:Offline:PronunciationDictionary", ex.Message, StringComparison.Ordinal);
    }
}
