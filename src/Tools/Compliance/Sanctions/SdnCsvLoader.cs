using System.Globalization;
using System.Text;

namespace BankingLlm.Tools.Compliance.Sanctions;

/// <summary>
/// Reads OFAC's SDN list in its legacy CSV form: sdn.csv (ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
/// Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks; no header, "-0-" for empty) and optionally alt.csv
/// (ent_num, alt_num, alt_type, alt_name, alt_remarks). Vessels and aircraft are skipped: beneficiaries are people
/// and organisations.
/// </summary>
public static class SdnCsvLoader
{
    public static IReadOnlyList<SanctionsEntry> Load(TextReader sdn, TextReader? alt = null)
    {
        var entries = new List<SanctionsEntry>();
        var types = new Dictionary<int, (string Type, string Program)>();
        foreach (var fields in ReadCsv(sdn))
        {
            if (fields.Count < 4 || !int.TryParse(fields[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }
            var type = Clean(fields[2]) ?? "entity";
            var program = Clean(fields[3]) ?? "";
            types[id] = (type, program);
            if (IsScreenable(type) && Clean(fields[1]) is { } name)
            {
                entries.Add(new SanctionsEntry(id, name, type, program, IsAlias: false));
            }
        }
        if (alt is not null)
        {
            foreach (var fields in ReadCsv(alt))
            {
                if (fields.Count < 4 || !int.TryParse(fields[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                    || !types.TryGetValue(id, out var parent) || !IsScreenable(parent.Type) || Clean(fields[3]) is not { } name)
                {
                    continue;
                }
                entries.Add(new SanctionsEntry(id, name, parent.Type, parent.Program, IsAlias: true));
            }
        }
        return entries;
    }

    public static IReadOnlyList<SanctionsEntry> LoadFiles(string sdnPath, string? altPath)
    {
        using var sdn = new StreamReader(sdnPath, Encoding.UTF8);
        using var alt = string.IsNullOrWhiteSpace(altPath) ? null : new StreamReader(altPath, Encoding.UTF8);
        return Load(sdn, alt);
    }

    private static bool IsScreenable(string type) =>
        !type.Equals("vessel", StringComparison.OrdinalIgnoreCase) && !type.Equals("aircraft", StringComparison.OrdinalIgnoreCase);

    private static string? Clean(string value)
    {
        var v = value.Trim();
        return v.Length == 0 || v == "-0-" ? null : v;
    }

    /// <summary>RFC 4180 fields: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    internal static IEnumerable<List<string>> ReadCsv(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (fields.Count > 1 || fields[0].Length > 0)
                    {
                        yield return fields;
                    }
                    fields = [];
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }
}
