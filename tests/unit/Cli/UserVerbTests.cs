namespace EnfixPortal.Tests.Cli;

/// <summary><c>users</c>: list, show, deactivate, activate, reset-password, grant-admin, revoke-admin, with <c>--json</c> and bad inputs.</summary>
public sealed class UserVerbTests : CliScript
{
    [Fact]
    public async Task UsersAreListedShownDeactivatedActivatedResetAndMadeAdministrators()
    {
        var bob = await JsonAsync("users", "create", "--username", "bob", "--password", "B0b-passw0rd!");
        Assert.Contains((await JsonAsync("users", "list")).AsArray(), u => u!["username"]!.GetValue<string>() == "bob");
        Assert.Equal(bob["id"]!.GetValue<string>(), (await JsonAsync("users", "show", "--username", "bob"))["id"]!.GetValue<string>());
        Assert.False((await JsonAsync("users", "deactivate", "--username", "bob"))["active"]!.GetValue<bool>());
        Assert.True((await JsonAsync("users", "activate", "--username", "bob"))["active"]!.GetValue<bool>());
        await JsonAsync("users", "reset-password", "--username", "bob", "--password", "N3w-passw0rd!");
        Assert.Equal("admin", (await JsonAsync("users", "grant-admin", "--username", "bob"))["roles"]![0]!.GetValue<string>());
        Assert.Empty((await JsonAsync("users", "revoke-admin", "--username", "bob"))["roles"]!.AsArray());

        await RefusedAsync(1, "last active administrator", "users", "revoke-admin", "--username", "admin");
        await RefusedAsync(1, "last active administrator", "users", "deactivate", "--username", "admin");
        await RefusedAsync(1, "error: password:", "users", "reset-password", "--username", "bob", "--password", "short");
        await RefusedAsync(2, "users reset-password needs --password.", "users", "reset-password", "--username", "bob");
        await RefusedAsync(1, "No user is named 'nobody'", "users", "show", "--username", "nobody");
        await RefusedAsync(2, "--active must be true or false.", "users", "list", "--active", "maybe");
        Assert.Contains("admin", (await JsonAsync("users", "show", "--username", "admin"))["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }
}
