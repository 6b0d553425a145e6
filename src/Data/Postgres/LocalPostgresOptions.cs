using System.ComponentModel.DataAnnotations;

namespace BankingLlm.Data.Postgres;

/// <summary>The private PostgreSQL cluster started when no <c>ConnectionStrings__Banking</c> is configured.</summary>
public sealed class LocalPostgresOptions
{
    public const string SectionName = "LocalPostgres";

    /// <summary>Cluster directory (data, log, password file). Relative paths are under the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = ".data/postgres";

    /// <summary>Folder with initdb, pg_ctl and postgres; default: the newest /usr/lib/postgresql/NN/bin, then PATH.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>The unprivileged OS user the server runs as when this process is root (PostgreSQL refuses root).</summary>
    [Required]
    public string RunAsUser { get; set; } = "postgres";

    [Required]
    public string Database { get; set; } = "banking";

    /// <summary>
    /// Loopback port; 0 (the default) picks a free one at each start. A fixed port keeps tools configured for this
    /// cluster (pgBackRest's <c>pg1-port</c>) valid across restarts.
    /// </summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>
    /// Absolute folder for the server's Unix socket; unset (the default) means TCP only. pgBackRest connects only over
    /// a socket. The folder is made private to the server's OS user, who may connect through it as the cluster's
    /// superuser without a password (peer authentication, as Debian's own clusters do).
    /// </summary>
    public string? SocketDirectory { get; set; }

    /// <summary>Seconds to wait for the server to accept connections.</summary>
    [Range(1, 600)]
    public int StartTimeoutSeconds { get; set; } = 60;
}
