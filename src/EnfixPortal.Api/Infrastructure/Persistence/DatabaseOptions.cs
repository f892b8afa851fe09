using System.ComponentModel.DataAnnotations;

namespace EnfixPortal.Api.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Enfix:Database";
    public const string ConnectionStringName = "Enfix";

    [RegularExpression("^(Sqlite)$", ErrorMessage = "Enfix:Database:Provider must be Sqlite.")]
    public string Provider { get; set; } = "Sqlite";
}
