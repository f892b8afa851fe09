using EnfixPortal.Api.Common;
using Microsoft.AspNetCore.Identity;

namespace EnfixPortal.Api.Model;

public sealed class EnfixUser : IdentityUser
{
    public EnfixUser()
    {
        Id = ObjectIds.New();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public EnfixUser(string userName) : this() => UserName = userName;

    public string? DisplayName { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

public static class Roles
{
    public const string Admin = "admin";
}
