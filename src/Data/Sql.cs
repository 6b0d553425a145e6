using Npgsql;
using NpgsqlTypes;

namespace BankingLlm.Data;

/// <summary>
/// Pieces for the hot paths that use plain Npgsql instead of a DbContext (the turn's batches, the vault, the audit
/// insert): parameters written the way the schema stores values, and batch commands.
/// </summary>
public static class Sql
{
    /// <summary>A batch command with positional parameters ($1, $2, ...).</summary>
    public static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public static NpgsqlParameter Uuid(Guid value) => new NpgsqlParameter<Guid> { TypedValue = value };

    /// <summary>The schema's timestamps are UTC in <c>timestamp without time zone</c> columns (as EF writes them).</summary>
    public static NpgsqlParameter UtcTimestamp(DateTime utc) =>
        new NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), NpgsqlDbType = NpgsqlDbType.Timestamp };

    /// <summary>A value read from a <c>timestamp without time zone</c> column, as the UTC time it is.</summary>
    public static DateTime Utc(DateTime stored) => DateTime.SpecifyKind(stored, DateTimeKind.Utc);
}
