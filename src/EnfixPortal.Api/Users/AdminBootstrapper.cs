using System.Security.Cryptography;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Users;

/// <summary>First run: with no users at all, creates the administrator from the bootstrap settings. Never touches an existing user.</summary>
public sealed class AdminBootstrapper(IDbContextFactory<EnfixDbContext> dbFactory, RoleManager<IdentityRole> roles,
    UserService users, IOptions<BootstrapOptions> options, TextWriter console)
{
    public async Task RunAsync(CancellationToken ct = default)
    {
        if (!await roles.RoleExistsAsync(Roles.Admin))
            await roles.CreateAsync(new IdentityRole(Roles.Admin));
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            if (await db.Users.AnyAsync(ct)) return;

        var settings = options.Value;
        var generated = string.IsNullOrEmpty(settings.AdminPassword);
        var password = generated ? GeneratePassword() : settings.AdminPassword!;
        var created = await users.CreateAsync(Actor.Cli(userName: "bootstrap"),
            new CreateUserRequest(settings.AdminUsername, password, "Administrator", Admin: true), ct);
        if (created.Error is { } error)
            throw new OptionsValidationException(BootstrapOptions.Section, typeof(BootstrapOptions),
                [$"Could not create the first administrator '{settings.AdminUsername}': {error.Describe()} Check {BootstrapOptions.Section}."]);

        console.WriteLine("==================================================================");
        console.WriteLine($" EnfixPortal first run: created administrator '{settings.AdminUsername}'.");
        console.WriteLine(generated
            ? $" Generated password (shown once, store it now): {password}"
            : $" Password: the one set in {BootstrapOptions.Section}:AdminPassword.");
        console.WriteLine("==================================================================");
    }

    /// <summary>24 characters from the CSPRNG with every class the default password policy asks for.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var body = RandomNumberGenerator.GetString(alphabet, 20);
        return $"{body}-Aa9";
    }
}
