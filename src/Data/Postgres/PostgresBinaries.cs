namespace BankingLlm.Data.Postgres;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl, postgres), version 15 or newer.</summary>
public static class PostgresBinaries
{
    public const int MinimumMajorVersion = 15;

    public static string Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasServer(configured)
                ? configured
                : throw new LocalPostgresException($"LocalPostgres:BinDirectory is '{configured}', but initdb and pg_ctl are not there.");
        }
        var candidates = new List<string>();
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            candidates.AddRange(Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => x.Version >= MinimumMajorVersion)
                .OrderByDescending(x => x.Version)
                .Select(x => Path.Combine(x.Dir, "bin")));
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        candidates.AddRange(path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(HasServer)
            ?? throw new LocalPostgresException(
                $"PostgreSQL {MinimumMajorVersion}+ server programs (initdb, pg_ctl) were not found in /usr/lib/postgresql/NN/bin or on PATH. " +
                "Install them (Debian: apt-get install postgresql), set LocalPostgres__BinDirectory, or point ConnectionStrings__Banking at a running server.");
    }

    private static bool HasServer(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres"));
}
