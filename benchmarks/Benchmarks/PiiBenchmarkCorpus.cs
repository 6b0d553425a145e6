using System.Text.Json;

namespace BankingLlm.Benchmarks;

/// <summary>Messages for the PII benchmarks: shared/eval/pii/dev.jsonl when found beside the repository, else a built-in sample.</summary>
public static class PiiBenchmarkCorpus
{
    public static (IReadOnlyList<string> Chat, IReadOnlyList<string> Voice, string Source) Load()
    {
        var path = Locate();
        if (path is null)
        {
            return (Fallback, FallbackVoice, "built-in sample (shared/eval/pii/dev.jsonl not found)");
        }

        var chat = new List<string>();
        var voice = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            using var document = JsonDocument.Parse(line);
            var text = document.RootElement.GetProperty("text").GetString() ?? "";
            (document.RootElement.GetProperty("channel").GetString() == "voice" ? voice : chat).Add(text);
        }

        return (chat, voice, path);
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("PII_DEV_CORPUS") is { Length: > 0 } overridePath && File.Exists(overridePath))
        {
            return overridePath;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared/eval/pii/dev.jsonl"), Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared/eval/pii/dev.jsonl") })
                {
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }

        return null;
    }

    private static readonly string[] Fallback =
    [
        "Hi, I need to update my contact details: new phone +44 20 7946 0169, email grace@example.com, and home address 521 Juniper Ln, San Jose, California 95112-1959.",
        "I think my identity was stolen. Someone used my SSN 656-00-1098 to open a card, 6011344999758184, and changed my phone to +1-919-555-0149.",
        "Transfer $64 from MMA6392247855478511 to my external account, routing 227887239, account 966692147614. Thanks!",
        "I paid $37.22 on 2/11 (reference 838741270) but it still shows as pending. Thanks in advance, Dana.",
        "Is IBAN GB13NWBK46577460220122 correct for an international wire? The recipient is Victor Whitfield.",
    ];

    private static readonly string[] FallbackVoice =
    [
        "okay so my name is aisha carrington my social is nine four oh four seven six eight six eight and my phone number is plus double three one nine nine oh oh nine nine seven eight",
        "i moved and my new address is forty six southwest thirty third parkway boise idaho eight three seven oh two",
    ];
}
