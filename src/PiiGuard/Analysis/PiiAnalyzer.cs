using System.Text.RegularExpressions;
using BankingLlm.PiiGuard.Operators;
using BankingLlm.PiiGuard.Recognizers;
using BankingLlm.PiiGuard.Voice;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BankingLlm.PiiGuard.Analysis;

/// <summary>
/// The detection pipeline: (voice) spoken-form normalisation -> recognizers (each behind a cheap pre-check) ->
/// deny list -> per-type thresholds -> overlap resolution -> allow list -> offsets mapped back to the original text.
/// </summary>
public sealed class PiiAnalyzer : IPiiAnalyzer
{
    private readonly IPiiRecognizer[] _recognizers;
    private readonly PiiGuardOptions _options;
    private readonly ILogger _logger;
    private readonly HashSet<string> _allowRaw;
    private readonly HashSet<string> _allowCompact;

    public PiiAnalyzer(IEnumerable<IPiiRecognizer> recognizers, IOptions<PiiGuardOptions> options, ILogger<PiiAnalyzer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(recognizers);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _recognizers = [.. recognizers.Where(r => !_options.DisabledRecognizers.Contains(r.Name, StringComparer.OrdinalIgnoreCase))];
        _allowRaw = new HashSet<string>(_options.AllowList.Select(v => v.Trim()), StringComparer.OrdinalIgnoreCase);
        _allowCompact = new HashSet<string>(
            _options.AllowList.Select(PiiValueCanonicalizer.AlphanumericUpper).Where(v => v.Length >= 4),
            StringComparer.Ordinal);
    }

    /// <summary>An analyzer with the built-in recognizers and the given (or default) options.</summary>
    public static PiiAnalyzer CreateDefault(PiiGuardOptions? options = null, ILogger<PiiAnalyzer>? logger = null)
    {
        options ??= new PiiGuardOptions();
        var analyzer = new PiiAnalyzer(DefaultRecognizers(options), Options.Create(options), logger);
        analyzer.WarmUp();
        return analyzer;
    }

    /// <summary>The built-in recognizers, one per file under Recognizers/.</summary>
    public static IReadOnlyList<IPiiRecognizer> DefaultRecognizers(PiiGuardOptions? options = null)
    {
        List<IPiiRecognizer> recognizers =
        [
            new SsnRecognizer(),
            new CreditCardRecognizer(),
            new BankAccountRecognizer(),
            new IbanRecognizer(),
            new AccountNumberRecognizer(),
            new PhoneRecognizer(),
            new EmailRecognizer(),
            new AddressRecognizer(),
            new PassportRecognizer(),
            new DriversLicenseRecognizer(),
        ];
        if (options?.UseRecognizersText == true)
        {
            recognizers.Add(new RecognizersTextSequenceRecognizer());
        }

        return recognizers;
    }

    public PiiAnalysisResult Analyze(string text, PiiChannel channel = PiiChannel.Chat)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > _options.MaxTextLength)
        {
            throw new ArgumentException($"Text of {text.Length} characters exceeds PiiGuard:MaxTextLength ({_options.MaxTextLength}).", nameof(text));
        }

        if (text.Length == 0)
        {
            return new PiiAnalysisResult { Text = text, Channel = channel, AnalyzedText = text, Entities = [] };
        }

        var normalized = channel == PiiChannel.Voice ? SpokenFormNormalizer.Normalize(text) : NormalizedText.Identity(text);
        var context = new RecognizerContext(NeutraliseLongDigitRuns(normalized.Text), channel);
        var candidates = new List<RecognizerResult>();
        List<string>? timedOut = null;
        foreach (var recognizer in _recognizers)
        {
            if (!RunRecognizer(recognizer, context, candidates))
            {
                PiiGuardLog.RecognizerTimedOut(_logger, recognizer.Name, text.Length);
                (timedOut ??= []).Add(recognizer.Name);
            }
        }

        if (timedOut is not null && _options.FailClosedOnTimeout)
        {
            throw new PiiGuardException($"PII recognizers timed out ({string.Join(", ", timedOut)}); the text was not analysed completely.");
        }

        AddDenyListMatches(context.Text, candidates);

        var passing = new List<RecognizerResult>(candidates.Count);
        var belowThreshold = new List<RecognizerResult>();
        foreach (var candidate in candidates)
        {
            if (candidate.Score >= _options.ThresholdFor(candidate.Type))
            {
                passing.Add(candidate);
            }
            else if (candidate.Score >= _options.FlagThreshold)
            {
                belowThreshold.Add(candidate);
            }
        }

        var resolved = OverlapResolver.Resolve(passing);
        var entities = new List<PiiEntity>(resolved.Count);
        var allowed = new List<PiiEntity>();
        foreach (var result in resolved)
        {
            var entity = ToEntity(normalized, result);
            if (IsAllowed(entity))
            {
                allowed.Add(entity);
            }
            else
            {
                entities.Add(entity);
            }
        }

        var flagged = new List<PiiEntity>();
        foreach (var result in OverlapResolver.Resolve(belowThreshold))
        {
            if (!resolved.Exists(r => r.Start < result.End && result.Start < r.End))
            {
                flagged.Add(ToEntity(normalized, result));
            }
        }

        var codes = new List<(int Start, int End)>();
        if (_options.DropSecurityCodes)
        {
            foreach (var (start, end) in SecurityCodeDetector.Find(context))
            {
                if (!resolved.Exists(r => r.Start < end && start < r.End))
                {
                    codes.Add(normalized.ToOriginal(start, end));
                }
            }
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            PiiGuardLog.Analyzed(_logger, channel, text.Length, entities.Count, string.Join(",", entities.Select(e => e.Type.ToWireName()).Distinct()), flagged.Count, allowed.Count);
        }

        return new PiiAnalysisResult
        {
            Text = text,
            Channel = channel,
            AnalyzedText = normalized.Text,
            Entities = entities,
            Allowed = allowed,
            Flagged = flagged,
            SecurityCodes = codes,
            TimedOut = timedOut ?? [],
        };
    }

    /// <summary>
    /// Runs every recognizer once on a sample so regex code is compiled before the first real message (a cold
    /// start inside a match can otherwise eat into the match timeout). Called by AddPiiGuard at start.
    /// </summary>
    public void WarmUp()
    {
        const string sample = "SSN 123-45-6789, card 4111 1111 1111 1111 cvv 123, routing 021000021 account 12345678, "
            + "IBAN GB82 WEST 1234 5698 7654 32, CHK0012345678904821, call (415) 555-0132 or +44 20 7946 0958, "
            + "a@b.example, 521 Juniper Ln, San Jose, CA 95112, passport C35576155, driver's license D1234567.";
        Analyze(sample);
        Analyze("my social is one two three four five six seven eight nine at four twenty one oak street", PiiChannel.Voice);
    }

    /// <summary>Digit runs longer than any PII value can be.</summary>
    private const int LongestPlausibleDigitRun = 64;

    /// <summary>
    /// Replaces the digits of runs longer than <see cref="LongestPlausibleDigitRun"/> by 'x' (same length, so offsets
    /// hold). No value of the nine types is that long, and every numeric pattern would otherwise be tried at each
    /// position of the run (100 KB of digits cost tens of milliseconds).
    /// </summary>
    private static string NeutraliseLongDigitRuns(string text)
    {
        char[]? copy = null;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i - start > LongestPlausibleDigitRun)
            {
                copy ??= text.ToCharArray();
                copy.AsSpan(start, i - start).Fill('x');
            }
        }

        return copy is null ? text : new string(copy);
    }

    /// <summary>Runs one recognizer; a timeout is retried once (a first call may include code generation). False when it timed out twice.</summary>
    private static bool RunRecognizer(IPiiRecognizer recognizer, RecognizerContext context, List<RecognizerResult> candidates)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var before = candidates.Count;
            try
            {
                if (recognizer.CanMatch(context))
                {
                    recognizer.Recognize(context, candidates);
                }

                return true;
            }
            catch (RegexMatchTimeoutException)
            {
                candidates.RemoveRange(before, candidates.Count - before);
            }
        }

        return false;
    }

    private static PiiEntity ToEntity(NormalizedText normalized, RecognizerResult result)
    {
        var (start, end) = normalized.ToOriginal(result.Start, result.End);
        var original = normalized.Original[start..end];
        var value = normalized.IsNormalized ? normalized.Text[result.Start..result.End] : original;
        return new PiiEntity(result.Type, start, end - start, result.Score, result.Recognizer, result.Explanation, original, value);
    }

    private bool IsAllowed(PiiEntity entity)
    {
        if (_allowRaw.Count == 0)
        {
            return false;
        }

        return _allowRaw.Contains(entity.Value.Trim()) || _allowRaw.Contains(entity.Text.Trim())
            || _allowCompact.Contains(PiiValueCanonicalizer.AlphanumericUpper(entity.Value));
    }

    private void AddDenyListMatches(string text, List<RecognizerResult> candidates)
    {
        foreach (var entry in _options.DenyList)
        {
            if (string.IsNullOrWhiteSpace(entry.Value) || !PiiTypeNames.TryParseWireName(entry.Type, out var type))
            {
                continue;
            }

            var value = entry.Value.Trim();
            var index = 0;
            while ((index = text.IndexOf(value, index, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                var end = index + value.Length;
                var boundedLeft = index == 0 || !char.IsLetterOrDigit(text[index - 1]);
                var boundedRight = end == text.Length || !char.IsLetterOrDigit(text[end]);
                if (boundedLeft && boundedRight)
                {
                    candidates.Add(new RecognizerResult(type, index, end, 1.0, "DenyList", "value on the configured deny list"));
                }

                index = end;
            }
        }
    }
}
