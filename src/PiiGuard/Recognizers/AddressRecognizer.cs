using System.Collections.Frozen;
using System.Text.RegularExpressions;
using BankingLlm.PiiGuard.Text;

namespace BankingLlm.PiiGuard.Recognizers;

/// <summary>
/// US street addresses: house number (1-5 digits), optional directional, street name, a USPS street suffix, then
/// optionally a unit (Apt 4B, Suite 210, #3), city, state (code or name) and ZIP/ZIP+4. One entity covers the whole
/// address. Typed text needs capitalised street-name words; voice text (lower case) needs a city/state tail or an
/// address cue. A ZIP, city or state alone never matches.
/// </summary>
public sealed partial class AddressRecognizer : PiiRecognizerBase
{
    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
    [
        "a", "an", "the", "and", "or", "of", "to", "for", "from", "in", "on", "at", "by", "my", "your", "our", "his", "her",
        "their", "is", "was", "were", "are", "be", "i", "you", "we", "it", "this", "that", "these", "those", "with", "but",
        "dollars", "dollar", "cents", "percent", "days", "day", "years", "year", "months", "month", "weeks", "week",
        "times", "hours", "minutes", "business", "twice", "only", "all", "per", "each", "same", "last", "next",
    ], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> SuffixWords = FrozenSet.ToFrozenSet(["Expressway", "Trafficway", "Boulevard", "Crossroad", "Extension", "Stravenue", "Underpass", "Causeway", "Crescent", "Crossing", "Junction", "Motorway", "Mountain", "Overpass", "Turnpike", "Circles", "Corners", "Estates", "Freeway", "Gardens", "Gateway", "Heights", "Highway", "Landing", "Meadows", "Orchard", "Parkway", "Prairie", "Springs", "Squares", "Station", "Streets", "Terrace", "Trailer", "Viaduct", "Village", "Arcade", "Avenue", "Bluffs", "Bridge", "Bypass", "Canyon", "Center", "Centre", "Circle", "Cliffs", "Common", "Corner", "Course", "Courts", "Divide", "Drives", "Estate", "Fields", "Forest", "Garden", "Harbor", "Hollow", "Island", "Knolls", "Meadow", "Plains", "Points", "Radial", "Rapids", "Ridges", "Shores", "Skyway", "Spring", "Square", "Stream", "Street", "Summit", "Tunnel", "Valley", "Alley", "Annex", "Bayou", "Beach", "Bluff", "Brook", "Cliff", "Court", "Creek", "Crest", "Curve", "Drive", "Falls", "Ferry", "Field", "Flats", "Forge", "Forks", "Green", "Grove", "Haven", "Hills", "Inlet", "Knoll", "Lakes", "Manor", "Mills", "Mount", "Pines", "Place", "Plain", "Plaza", "Point", "Ranch", "Ridge", "River", "Roads", "Route", "Shoal", "Shore", "Trace", "Track", "Trail", "Ville", "Vista", "Wells", "Bend", "Blfs", "Blvd", "Cirs", "Clfs", "Cors", "Cove", "Cres", "Crse", "Crst", "Cswy", "Curv", "Dale", "Ests", "Expy", "Flat", "Flds", "Flts", "Ford", "Fork", "Fort", "Frks", "Frst", "Gdns", "Glen", "Gtwy", "Hill", "Holw", "Inlt", "Isle", "Knls", "Lake", "Lane", "Lndg", "Loop", "Mdws", "Mews", "Mill", "Mtwy", "Opas", "Orch", "Oval", "Park", "Pass", "Path", "Pike", "Pkwy", "Plns", "Pnes", "Port", "Radl", "Rdgs", "Rnch", "Road", "Rpds", "Shrs", "Skwy", "Spgs", "Stra", "Strm", "Tpke", "Trak", "Trce", "Trfy", "Trlr", "Tunl", "Upas", "Vdct", "View", "Walk", "Xing", "Aly", "Anx", "Arc", "Ave", "Bch", "Blf", "Bnd", "Brg", "Brk", "Byp", "Byu", "Cir", "Clf", "Cmn", "Cor", "Crk", "Ctr", "Cts", "Cyn", "Dam", "Drs", "Est", "Ext", "Fld", "Fls", "Flt", "Frd", "Frg", "Frk", "Fry", "Fwy", "Gdn", "Gln", "Grn", "Grv", "Hbr", "Hls", "Hts", "Hvn", "Hwy", "Jct", "Key", "Knl", "Lks", "Mdw", "Mnr", "Mtn", "Pln", "Plz", "Prt", "Pts", "Rdg", "Rds", "Riv", "Row", "Rte", "Run", "Shl", "Shr", "Smt", "Spg", "Sqs", "Sta", "Sts", "Ter", "Trl", "Via", "Vis", "Vlg", "Vly", "Way", "Wls", "Xrd", "Av", "Ct", "Cv", "Dr", "Dv", "Ft", "Hl", "Ky", "Lk", "Ln", "Mt", "Pl", "Pr", "Pt", "Rd", "Sq", "St", "Vw", "Wy"], StringComparer.OrdinalIgnoreCase);

    public override string Name => nameof(AddressRecognizer);

    public override PiiType Type => PiiType.Address;

    /// <summary>Pre-check: a digit and at least one street-suffix word, found by one set look-up per word.</summary>
    public override bool CanMatch(RecognizerContext context)
    {
        if (context.DigitCount == 0 || context.Text.Length < 8)
        {
            return false;
        }

        var lookup = SuffixWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var text = context.Text.AsSpan();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            if (lookup.Contains(text[start..i]))
            {
                return true;
            }
        }

        return false;
    }

    public override void Recognize(RecognizerContext context, List<RecognizerResult> results)
    {
        var text = context.Text;
        foreach (Match match in AddressRegex().Matches(text))
        {
            var tail = match.Groups["tail"];
            var hasState = tail.Success;
            var hasZip = match.Groups["zip"].Success;
            var hasUnit = match.Groups["unit"].Success;
            var cue = context.Cues.NearestBefore(match.Index, 80, CueKind.Address);
            var corroborated = hasState || cue is not null;
            if (context.IsVoice && !corroborated)
            {
                continue;
            }

            // Typed street names are capitalised unless a city/state tail or an address cue vouches for the address.
            var name = match.Groups["name"].Value;
            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (!NameIsPlausible(words, requireCapitals: !context.IsVoice && !corroborated, match.Groups["dir"].Success))
            {
                continue;
            }

            var score = context.IsVoice ? 0.45 : 0.6;
            var why = "house number, street name and USPS suffix";
            if (hasUnit)
            {
                score += 0.15;
                why += "; unit";
            }

            if (hasState)
            {
                score += hasZip ? 0.35 : 0.25;
                why += hasZip ? "; city, state and ZIP" : "; city and state";
            }

            if (cue is not null)
            {
                score += 0.2;
                why += "; address cue";
            }

            // "Ln." at the end of a sentence: the period is punctuation, not part of the address.
            var end = match.Index + match.Length;
            if (text[end - 1] == '.')
            {
                end--;
            }
            results.Add(Result(match.Index, end, score, why));
        }
    }

    private static bool NameIsPlausible(string[] words, bool requireCapitals, bool hasDirectional)
    {
        if (words.Length == 0)
        {
            // "12 Main St" needs a name; a lone suffix after a number ("8 Way") does only with a directional.
            return hasDirectional;
        }

        foreach (var word in words)
        {
            if (StopWords.Contains(word))
            {
                return false;
            }

            // Capitalised words or ordinals ("Oak Ridge", "18th").
            if (requireCapitals && !char.IsAsciiLetterUpper(word[0]) && !char.IsAsciiDigit(word[0]))
            {
                return false;
            }

            if (char.IsAsciiDigit(word[0]) && !IsOrdinal(word))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsOrdinal(string word) =>
        word.Length >= 3 && char.IsAsciiDigit(word[0])
        && (word.EndsWith("st", StringComparison.OrdinalIgnoreCase) || word.EndsWith("nd", StringComparison.OrdinalIgnoreCase)
            || word.EndsWith("rd", StringComparison.OrdinalIgnoreCase) || word.EndsWith("th", StringComparison.OrdinalIgnoreCase));

    // The city is a greedy loop on purpose: with a lazy {0,2}? loop inside the optional tail, the compiled and
    // source-generated engines of .NET 10 returned wrong matches or ran for minutes past the timeout (the
    // interpreter was fine). Keep it greedy; the state alternation after it makes the loop give back words.
    [GeneratedRegex("""
        (?<![\w$.,\#/-])
        (?<num>\d{1,5})\s+
        (?:(?<dir>N|S|E|W|NE|NW|SE|SW|North|South|East|West|Northeast|Northwest|Southeast|Southwest)\.?\s+)?
        (?<name>(?:(?:[A-Za-z][A-Za-z'-]*|\d{1,3}(?:st|nd|rd|th))\s+){0,4})
        (?<suffix>Expressway|Trafficway|Boulevard|Crossroad|Extension|Stravenue|Underpass|Causeway|Crescent|Crossing|Junction|Motorway|Mountain|Overpass|Turnpike|Circles|Corners|Estates|Freeway|Gardens|Gateway|Heights|Highway|Landing|Meadows|Orchard|Parkway|Prairie|Springs|Squares|Station|Streets|Terrace|Trailer|Viaduct|Village|Arcade|Avenue|Bluffs|Bridge|Bypass|Canyon|Center|Centre|Circle|Cliffs|Common|Corner|Course|Courts|Divide|Drives|Estate|Fields|Forest|Garden|Harbor|Hollow|Island|Knolls|Meadow|Plains|Points|Radial|Rapids|Ridges|Shores|Skyway|Spring|Square|Stream|Street|Summit|Tunnel|Valley|Alley|Annex|Bayou|Beach|Bluff|Brook|Cliff|Court|Creek|Crest|Curve|Drive|Falls|Ferry|Field|Flats|Forge|Forks|Green|Grove|Haven|Hills|Inlet|Knoll|Lakes|Manor|Mills|Mount|Pines|Place|Plain|Plaza|Point|Ranch|Ridge|River|Roads|Route|Shoal|Shore|Trace|Track|Trail|Ville|Vista|Wells|Bend|Blfs|Blvd|Cirs|Clfs|Cors|Cove|Cres|Crse|Crst|Cswy|Curv|Dale|Ests|Expy|Flat|Flds|Flts|Ford|Fork|Fort|Frks|Frst|Gdns|Glen|Gtwy|Hill|Holw|Inlt|Isle|Knls|Lake|Lane|Lndg|Loop|Mdws|Mews|Mill|Mtwy|Opas|Orch|Oval|Park|Pass|Path|Pike|Pkwy|Plns|Pnes|Port|Radl|Rdgs|Rnch|Road|Rpds|Shrs|Skwy|Spgs|Stra|Strm|Tpke|Trak|Trce|Trfy|Trlr|Tunl|Upas|Vdct|View|Walk|Xing|Aly|Anx|Arc|Ave|Bch|Blf|Bnd|Brg|Brk|Byp|Byu|Cir|Clf|Cmn|Cor|Crk|Ctr|Cts|Cyn|Dam|Drs|Est|Ext|Fld|Fls|Flt|Frd|Frg|Frk|Fry|Fwy|Gdn|Gln|Grn|Grv|Hbr|Hls|Hts|Hvn|Hwy|Jct|Key|Knl|Lks|Mdw|Mnr|Mtn|Pln|Plz|Prt|Pts|Rdg|Rds|Riv|Row|Rte|Run|Shl|Shr|Smt|Spg|Sqs|Sta|Sts|Ter|Trl|Via|Vis|Vlg|Vly|Way|Wls|Xrd|Av|Ct|Cv|Dr|Dv|Ft|Hl|Ky|Lk|Ln|Mt|Pl|Pr|Pt|Rd|Sq|St|Vw|Wy)\.?(?![A-Za-z0-9'])
        (?:\s+(?:N|S|E|W|NE|NW|SE|SW)\.?(?![A-Za-z0-9]))?
        (?<unit>,?\s*(?:(?:apt|apartment|unit|suite|ste|fl|floor|rm|room|bldg|building|dept|lot|number|no)\.?\s*\#?\s*[A-Za-z0-9-]{1,6}|\#\s?[A-Za-z0-9-]{1,6})(?![A-Za-z0-9]))?
        (?<tail>,?\s+(?<city>[A-Za-z][A-Za-z.'-]*(?:\s+[A-Za-z][A-Za-z.'-]*){0,2}),?\s+(?<state>District\s+of\s+Columbia|North\s+Carolina|South\s+Carolina|Massachusetts|New\s+Hampshire|West\s+Virginia|North\s+Dakota|Pennsylvania|Rhode\s+Island|South\s+Dakota|Connecticut|Mississippi|Puerto\s+Rico|California|New\s+Jersey|New\s+Mexico|Washington|Louisiana|Minnesota|Tennessee|Wisconsin|Arkansas|Colorado|Delaware|Illinois|Kentucky|Maryland|Michigan|Missouri|Nebraska|New\s+York|Oklahoma|Virginia|Alabama|Arizona|Florida|Georgia|Indiana|Montana|Vermont|Wyoming|Alaska|Hawaii|Kansas|Nevada|Oregon|Idaho|Maine|Texas|Iowa|Ohio|Utah|(?-i:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI))(?![A-Za-z])(?:,?\s+(?<zip>\d{5}(?:-\d{4})?))?(?![\w-]))?
        
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexLimits.TimeoutMilliseconds)]
    private static partial Regex AddressRegex();
}
