using BankingLlm.Tools.Compliance.Sanctions;
using Xunit.Abstractions;

namespace BankingLlm.Tools.Tests.Compliance;

public sealed class SanctionsScreenerTests(ITestOutputHelper output)
{
    private static readonly SanctionsScreener Screener = new(SanctionsScreener.LoadSample(), 0.90);

    /// <summary>Listed names as a customer might type them: exact, reordered, typos, transliterations, aliases.</summary>
    public static TheoryData<string, int> Listed => new()
    {
        { "Rustam Bakhtiyorovich Karimov", 90001 },
        { "Rustam Karimov", 90001 },
        { "Rustam Karimow", 90001 },
        { "Rustem Karimov", 90001 },
        { "Yusuf Abd al-Rahman Al-Hajjar", 90002 },
        { "Yousef Abdul Rahman Hajjar", 90002 },
        { "Oleksandr Petrenko", 90003 },
        { "Aleksandr Viktorovich Petrenko", 90003 },
        { "Hossein Moussavi", 90004 },
        { "Hosein Musavi", 90004 },
        { "Hussein Mousavi", 90004 },
        { "Chidubem Emeka Okonkwo", 90005 },
        { "Grigory Volkov", 90006 },
        { "Grigoriy Volkov", 90006 },
        { "Grigori Volkoff", 90006 },
        { "Khalil Najjar", 90007 },
        { "Khaleel Ibrahim Najar", 90007 },
        { "Yelena Sokolova", 90008 },
        { "Elena Dmitrievna Sokolova", 90008 },
        { "Tariq Mahmood Khaliq", 90009 },
        { "Tarik Mahmud Khaliq", 90009 },
        { "Transoceanic Petroleum Holdings Ltd.", 90010 },
        { "TRANSOCEANIC PETROLEUM HOLDINGS", 90010 },
        { "Golden Crescent Exchange", 90011 },
        { "Severnaya Trading Co", 90012 },
        { "Faisal Nouri Qasim", 90013 },
        { "Faysal Nuri Kasim", 90013 },
        { "Parviz Zadeh", 90014 },
        { "Anatoliy Lebedev", 90015 },
        { "Samir Haddad", 90016 },
        { "Sameer Tawfik Hadad", 90016 },
        { "Farrukh Mirzayev", 90017 },
        { "Omar Khaled Darwish", 90018 },
        { "Omer Halit Dervish", 90018 },
        { "Dmytro Kovalenko", 90019 },
        { "Dmitry Kovalenko", 90019 },
        { "Salvatore Ferrante", 90022 },
        { "KARIMOV, RUSTAM", 90001 },
        { "Ḥossein Moussavī", 90004 },
    };

    [Theory]
    [MemberData(nameof(Listed))]
    public void Listed_names_and_their_variants_are_held(string name, int entity)
    {
        var hit = Screener.Screen(name);
        Assert.True(hit is not null, $"{name}: best {Screener.BestMatch(name)}");
        Assert.Equal(entity, hit!.EntityNumber);
    }

    [Fact]
    public void Vessels_are_not_screened_as_beneficiaries() => Assert.Null(Screener.Screen("Northern Light Shipping"));

    [Fact]
    public void Control_list_of_common_names_has_a_low_false_positive_rate()
    {
        var held = ControlNames.All.Where(n => Screener.Screen(n) is not null).ToList();
        var rate = (double)held.Count / ControlNames.All.Count;
        output.WriteLine($"control names: {ControlNames.All.Count}, held: {held.Count}, false-positive rate: {rate:P2}");
        foreach (var n in held)
        {
            output.WriteLine($"  held: {n} -> {Screener.Screen(n)}");
        }
        Assert.True(rate <= 0.005, $"false-positive rate {rate:P2}: {string.Join("; ", held)}");
    }

    public static TheoryData<string> NearMisses => new() { "Karimov", "Rustam", "Hossein", "Mohammed Ali", "Samir", "Petrenko Holdings Inc", "Golden Gate Bakery", "Trans Ocean Travel" };

    [Theory]
    [MemberData(nameof(NearMisses))]
    public void Partial_names_and_unrelated_businesses_are_not_held(string name) => Assert.Null(Screener.Screen(name));

    [Fact]
    public void Loader_reads_quoted_fields_placeholders_and_aliases()
    {
        const string sdn = "36,\"DOE, John \"\"JJ\"\"\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a, b\"\r\n37,\"SHIP ONE\",\"vessel\",\"IRAN\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
        const string alt = "36,1,\"aka\",\"DOE, Johnny\",-0- \n37,2,\"aka\",\"SHIP TWO\",-0- \n";
        var entries = SdnCsvLoader.Load(new StringReader(sdn), new StringReader(alt));
        Assert.Equal(2, entries.Count);
        Assert.Equal("DOE, John \"JJ\"", entries[0].Name);
        Assert.True(entries[1].IsAlias);
        Assert.Equal(36, entries[1].EntityNumber);
    }

    [Theory]
    [InlineData("MARTHA", "MARHTA", 0.961)]
    [InlineData("DWAYNE", "DUANE", 0.84)]
    [InlineData("DIXON", "DICKSONX", 0.813)]
    [InlineData("ABC", "ABC", 1.0)]
    [InlineData("ABC", "XYZ", 0.0)]
    public void Jaro_winkler_matches_the_reference_values(string a, string b, double expected) =>
        Assert.Equal(expected, JaroWinkler.Similarity(a, b), 3);
}
