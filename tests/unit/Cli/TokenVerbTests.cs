namespace EnfixPortal.Tests.Cli;

/// <summary><c>app-tokens</c> and <c>tokens</c>: create, list, show, expire, delete, each with <c>--json</c> and bad inputs.</summary>
public sealed class TokenVerbTests : CliScript
{
    [Theory]
    [InlineData("app-tokens", "app_token")]
    [InlineData("tokens", "token")]
    public async Task TokensAreCreatedListedShownExpiredAndDeleted(string noun, string secretField)
    {
        await JsonAsync("users", "create", "--username", "bob", "--password", "B0b-passw0rd!");
        var created = await JsonAsync(noun, "create", "--username", "bob", "--seconds", "3600", "--name", "deploy");
        var accessor = created["accessor"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", created[secretField]!.GetValue<string>());

        var listed = (await JsonAsync(noun, "list", "--username", "bob")).AsArray();
        Assert.Equal(accessor, Assert.Single(listed)!["accessor"]!.GetValue<string>());
        var shown = await JsonAsync(noun, "show", "--id", created[secretField]!.GetValue<string>());
        Assert.Equal("deploy", shown["name"]!.GetValue<string>());
        Assert.True((await JsonAsync(noun, "expire", "--id", accessor))["expired"]!.GetValue<bool>());
        Assert.Empty((await JsonAsync(noun, "list", "--username", "bob", "--status", "active")).AsArray());
        Assert.Equal(accessor, (await JsonAsync(noun, "delete", "--id", accessor))["accessor"]!.GetValue<string>());

        await RefusedAsync(1, "error: id:", noun, "show", "--id", accessor);
        await RefusedAsync(1, "error: id:", noun, "delete", "--id", accessor);
        await RefusedAsync(1, "error: id:", noun, "expire", "--id", "not-a-token");
        await RefusedAsync(2, "--seconds must be a whole number of seconds, 1 or more.", noun, "create", "--username", "bob", "--seconds", "0");
        await RefusedAsync(2, "--seconds must be a whole number of seconds, 1 or more.", noun, "create", "--username", "bob", "--seconds", "-5");
        await RefusedAsync(1, "No user is named 'nobody'", noun, "create", "--username", "nobody");
        await RefusedAsync(2, "--status must be one of: any, active, expired.", noun, "list", "--status", "sometimes");
        await RefusedAsync(2, $"{noun} show needs --id.", noun, "show");
        Assert.Empty((await JsonAsync(noun, "list", "--username", "bob")).AsArray());
    }

    [Theory]
    [InlineData("app-tokens")]
    [InlineData("tokens")]
    public async Task ListsSortAndFilterAsTheApiDoes(string noun)
    {
        await JsonAsync("users", "create", "--username", "fay", "--password", "F4y-passw0rd!");
        await JsonAsync(noun, "create", "--username", "fay", "--seconds", "86400", "--name", "beta");
        await JsonAsync(noun, "create", "--username", "fay", "--seconds", "3600", "--name", "alpha", "--scope", "orders:read");
        await JsonAsync(noun, "create", "--username", "fay", "--seconds", "60", "--name", "gamma");

        async Task<string[]> NamesAsync(params string[] options) =>
            [.. (await JsonAsync([noun, "list", "--username", "fay", .. options])).AsArray().Select(t => t!["name"]!.GetValue<string>())];

        Assert.Equal(["gamma", "alpha", "beta"], await NamesAsync());
        Assert.Equal(["alpha", "beta", "gamma"], await NamesAsync("--sort", "name"));
        Assert.Equal(["gamma", "beta", "alpha"], await NamesAsync("--sort", "-name"));
        Assert.Equal(["gamma", "alpha", "beta"], await NamesAsync("--sort", "expires_at"));
        Assert.Equal(["alpha"], await NamesAsync("--scope", "orders:read"));
        Assert.Equal(["gamma", "alpha", "beta"], await NamesAsync("--attention", "expiring_7d"));
        Assert.Empty(await NamesAsync("--attention", "unused_90d"));
        await RefusedAsync(2, "--sort must be one of: created_at, expires_at, last_used_at, name", noun, "list", "--sort", "owner");
        await RefusedAsync(2, "--attention must be one of: expiring_7d,", noun, "list", "--attention", "soon");
    }

    [Theory]
    [InlineData("app-tokens")]
    [InlineData("tokens")]
    public async Task SeveralTokensAreExtendedExpiredAndDeletedTogetherAndTheOnesLeftAreNamed(string noun)
    {
        await JsonAsync("users", "create", "--username", "erin", "--password", "Er1n-passw0rd!");
        var first = (await JsonAsync(noun, "create", "--username", "erin", "--seconds", "60"))["accessor"]!.GetValue<string>();
        var second = (await JsonAsync(noun, "create", "--username", "erin", "--seconds", "60"))["accessor"]!.GetValue<string>();
        const string unknown = "0123456789abcdef01234567";

        var extended = await JsonAsync(noun, "extend", "--id", first, "--id", second, "--seconds", "3600");
        var expired = await RunAsync(noun, "expire", "--id", first, "--id", unknown, "--id", second);
        var deleted = await JsonAsync(noun, "delete", "--id", first, "--id", second);

        Assert.Equal([first, second], extended["changed"]!.AsArray().Select(t => t!["accessor"]!.GetValue<string>()));
        Assert.All(extended["changed"]!.AsArray(), t => Assert.False(t!["expired"]!.GetValue<bool>()));
        Assert.Equal(1, expired.ExitCode);
        Assert.Contains($"error: {unknown}: No", expired.Error);
        Assert.Contains(first, expired.Output);
        Assert.Equal(2, deleted["changed"]!.AsArray().Count);
        Assert.Empty((await JsonAsync(noun, "list", "--username", "erin")).AsArray());
        await RefusedAsync(2, "--seconds must be a whole number of seconds, 1 or more.", noun, "extend", "--id", first, "--seconds", "0");
        await RefusedAsync(2, $"{noun} extend needs --seconds.", noun, "extend", "--id", first);
    }

    [Theory]
    [InlineData("app-tokens")]
    [InlineData("tokens")]
    public async Task ShowAndListNameTheClientOfTheLastUse(string noun)
    {
        await JsonAsync("users", "create", "--username", "dave", "--password", "D4ve-passw0rd!");
        var accessor = (await JsonAsync(noun, "create", "--username", "dave", "--name", "nightly"))["accessor"]!.GetValue<string>();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"{Database.ConnectionString};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var use = connection.CreateCommand();
            use.CommandText = "UPDATE Tokens SET LastUsedAt = CreatedAt, LastUsedAddress = '203.0.113.7', " +
                "LastUsedUserAgent = 'nightly-backup/2.1' WHERE Accessor = $accessor";
            use.Parameters.AddWithValue("$accessor", accessor);
            Assert.Equal(1, await use.ExecuteNonQueryAsync());
        }

        var shown = await JsonAsync(noun, "show", "--id", accessor);
        var usedAt = shown["created_at"]!.GetValue<string>();
        Assert.Equal(usedAt, shown["last_used_at"]!.GetValue<string>());
        Assert.Equal("203.0.113.7", shown["last_used_ip"]!.GetValue<string>());
        Assert.Equal("nightly-backup/2.1", shown["last_used_user_agent"]!.GetValue<string>());
        Assert.Equal("203.0.113.7", Assert.Single((await JsonAsync(noun, "list", "--username", "dave")).AsArray())!["last_used_ip"]!.GetValue<string>());
        Assert.Contains($"last used {usedAt} from 203.0.113.7 (nightly-backup/2.1)", (await RunAsync(noun, "show", "--id", accessor)).Output);
        var table = (await RunAsync(noun, "list", "--username", "dave")).Output.Split('\n');
        Assert.EndsWith("LAST USED             FROM", table[0].TrimEnd());
        Assert.EndsWith($"{usedAt}  203.0.113.7", table[1].TrimEnd());
    }

    [Theory]
    [InlineData("app-tokens")]
    [InlineData("tokens")]
    public async Task EachScopeOptionGivesTheTokenAScope(string noun)
    {
        await JsonAsync("users", "create", "--username", "carol", "--password", "C4rol-passw0rd!");

        var scoped = await JsonAsync(noun, "create", "--username", "carol", "--scope", "orders:write", "--scope", "orders:read");
        var unscoped = await JsonAsync(noun, "create", "--username", "carol");
        var shown = await JsonAsync(noun, "show", "--id", scoped["accessor"]!.GetValue<string>());

        Assert.Equal(["orders:read", "orders:write"], scoped["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["orders:read", "orders:write"], shown["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Null(unscoped["scopes"]);
        await RefusedAsync(1, "error: scopes:", noun, "create", "--username", "carol", "--scope", "Orders");
        await RefusedAsync(1, "error: scopes:", noun, "create", "--username", "carol", "--scope", "a", "--scope", "a");
        await RefusedAsync(2, "--scope needs a value each time it is given.", noun, "create", "--username", "carol", "--scope");
        Assert.Equal(2, (await JsonAsync(noun, "list", "--username", "carol")).AsArray().Count);
    }

    [Theory]
    [InlineData("app-tokens", "app_token")]
    [InlineData("tokens", "token")]
    public async Task RotateGivesANewSecretToTheSameRecord(string noun, string secretField)
    {
        await JsonAsync("users", "create", "--username", "carol", "--password", "C4rol-passw0rd!");
        var created = await JsonAsync(noun, "create", "--username", "carol", "--name", "ci");
        var (accessor, old) = (created["accessor"]!.GetValue<string>(), created[secretField]!.GetValue<string>());

        var rotated = await JsonAsync(noun, "rotate", "--id", accessor, "--grace", "60");
        var plain = await RunAsync(noun, "rotate", "--id", accessor);

        var secret = rotated[secretField]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", secret);
        Assert.NotEqual(old, secret);
        Assert.Equal(accessor, rotated["accessor"]!.GetValue<string>());
        Assert.Equal(60, rotated["grace_seconds"]!.GetValue<long>());
        Assert.Equal(0, plain.ExitCode);
        var newest = plain.LastLine;
        Assert.Equal("ci", (await JsonAsync(noun, "show", "--id", newest))["name"]!.GetValue<string>());
        await RefusedAsync(1, "error: id:", noun, "show", "--id", secret);
        await RefusedAsync(2, "--grace must be a whole number of seconds, 0 or more.", noun, "rotate", "--id", accessor, "--grace", "soon");
        await RefusedAsync(1, "grace_seconds", noun, "rotate", "--id", accessor, "--grace", "604801");
        await RefusedAsync(1, "error: id:", noun, "rotate", "--id", "0123456789abcdef01234567");
    }
}
