using System.ComponentModel.DataAnnotations;

namespace EnfixPortal.Api.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Enfix:Database";
    public const string ConnectionStringName = "Enfix";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Enfix:Database:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = Sqlite;

    public bool IsPostgres => Provider == Postgres;
}
