using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Security.Cryptography;

namespace EnfixPortal.Api.Users;

/// <summary>First run: with no users at all, creates the administrator from the bootstrap settings. Never touches an
/// existing user. Nodes started together on one empty database (or the server and a CLI command on one SQLite file)
/// race to do it; the losers find the role or the administrator made by the winner and carry on, so every node starts
/// and only the winner prints the first-run message (with its password, if generated).</summary>
public sealed class AdminBootstrapper(IDbContextFactory<EnfixDbContext> dbFactory, RoleManager<IdentityRole> roles,
    UserService users, IOptions<BootstrapOptions> options, TextWriter console)
{
    public async Task RunAsync(CancellationToken ct = default)
    {
        await EnsureAdminRoleAsync();
        if (await AnyUserAsync(ct)) return;

        var settings = options.Value;
        var generated = string.IsNullOrEmpty(settings.AdminPassword);
        var password = generated ? GeneratePassword() : settings.AdminPassword!;
        ServiceResult<UserView> created;
        try
        {
            created = await users.CreateAsync(Actor.Cli(userName: "bootstrap"),
                new CreateUserRequest(settings.AdminUsername, password, "Administrator", Admin: true), ct);
        }
        catch (DbUpdateException)
        {
            if (await AnyUserAsync(ct)) return; // another node's administrator was committed first: its name is taken
            throw;
        }
        if (created.Error is { } error)
        {
            if (await AnyUserAsync(ct)) return;
            throw new OptionsValidationException(BootstrapOptions.Section, typeof(BootstrapOptions),
                [$"Could not create the first administrator '{settings.AdminUsername}': {error.Describe()} Check {BootstrapOptions.Section}."]);
        }

        console.WriteLine("==================================================================");
        console.WriteLine($" EnfixPortal first run: created administrator '{settings.AdminUsername}'.");
        console.WriteLine(generated
            ? $" Generated password (shown once, store it now): {password}"
            : $" Password: the one set in {BootstrapOptions.Section}:AdminPassword.");
        console.WriteLine("==================================================================");
    }

    private async Task EnsureAdminRoleAsync()
    {
        if (await roles.RoleExistsAsync(Roles.Admin)) return;
        try
        {
            if ((await roles.CreateAsync(new IdentityRole(Roles.Admin))).Succeeded) return;
        }
        catch (DbUpdateException)
        {
            // Another node created the role between our check and our insert; checked below.
        }
        if (!await roles.RoleExistsAsync(Roles.Admin))
            throw new InvalidOperationException($"Could not create the '{Roles.Admin}' role.");
    }

    private async Task<bool> AnyUserAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AnyAsync(ct);
    }

    /// <summary>24 characters from the CSPRNG with every class the default password policy asks for.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var body = RandomNumberGenerator.GetString(alphabet, 20);
        return $"{body}-Aa9";
    }
}
