using System.ComponentModel.DataAnnotations;

namespace EnfixPortal.Api.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Enfix:Database";
    public const string ConnectionStringName = "Enfix";
    public const string ConnectionStringKey = "ConnectionStrings:Enfix";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary><c>Sqlite</c> or <c>Postgres</c>, in any case.</summary>
    [RegularExpression("(?i)^(Sqlite|Postgres)$", ErrorMessage = "Enfix:Database:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>How long a start waits for a PostgreSQL server that is not up yet (refusing, unknown or silent) before it gives up.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00",
        ErrorMessage = "Enfix:Database:StartupTimeout must be between 00:00:00 and 1.00:00:00 (one day).")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}
