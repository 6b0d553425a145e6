using System.Text.Json;
using BankingLlm.PiiGuard.Scanning;
using BankingLlm.PiiGuard.Tests.TestSupport;

namespace BankingLlm.PiiGuard.Tests.Scanning;

public sealed class PiiScannerTests
{
    private readonly PiiScanner _scanner = new(Guard.Analyzer, Guard.Options());

    [Fact]
    public void Writes_the_eval_line_format_with_offsets_into_the_input()
    {
        var line = _scanner.ScanLine("""{"id":"x1","text":"My SSN is 912-44-0917, thanks","channel":"chat"}""");

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("x1", root.GetProperty("id").GetString());
        Assert.Equal("My SSN is [SSN_1], thanks", root.GetProperty("masked").GetString());
        var entity = Assert.Single(root.GetProperty("entities").EnumerateArray());
        Assert.Equal("ssn", entity.GetProperty("type").GetString());
        Assert.Equal(10, entity.GetProperty("start").GetInt32());
        Assert.Equal(21, entity.GetProperty("end").GetInt32());
        Assert.InRange(entity.GetProperty("score").GetDouble(), 0.5, 1.0);
    }

    [Fact]
    public void Voice_lines_report_spans_of_the_spoken_words()
    {
        var line = _scanner.ScanLine("""{"id":"v","text":"my social is one two three four five six seven eight nine","channel":"voice"}""");

        using var json = JsonDocument.Parse(line);
        var entity = Assert.Single(json.RootElement.GetProperty("entities").EnumerateArray());
        Assert.Equal(13, entity.GetProperty("start").GetInt32());
        Assert.Equal(57, entity.GetProperty("end").GetInt32());
    }

    [Theory]
    [InlineData("not json", "invalid JSON")]
    [InlineData("""{"id":"y"}""", "missing text")]
    public void Bad_lines_give_an_error_line(string input, string error)
    {
        using var json = JsonDocument.Parse(_scanner.ScanLine(input));

        Assert.Equal(error, json.RootElement.GetProperty("error").GetString());
    }
}
