using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Services;

/// <summary>The grid's search box, "Search name, owner, hint": text anywhere in a name or an owner's username, any case.</summary>
public abstract class TokenTextSearchTests(Engine engine) : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new(engine);
    private TokenService Tokens => _harness.Get<TokenService>();

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    private async Task<TokenView> AppToken(string? name, string? userId = null)
    {
        var created = await Tokens.CreateAppTokenAsync(_harness.AdminActor, new CreateTokenRequest(userId, name));
        Assert.True(created.Succeeded, created.Error?.Describe());
        return created.Value!.Token;
    }

    private async Task<string[]> Names(string text, TokenFamily family = TokenFamily.App) =>
        (await _harness.Get<TokenQueries>().ListAsync(_harness.AdminActor, new TokenQuery(family, Text: text, Sort: TokenSort.Name, Descending: false)))
            .Value!.Items.Select(t => t.Name ?? "-").ToArray();

    [Fact]
    public async Task TextAnywhereInANameFindsItInAnyCase()
    {
        foreach (var name in new[] { "ci-deploy", "<b>html</b>", "Release-BUILD", "deplo", "other" }) await AppToken(name);

        Assert.Equal(["ci-deploy"], await Names("deploy"));
        Assert.Equal(["ci-deploy"], await Names("DePloY"));
        Assert.Equal(["<b>html</b>"], await Names("html"));
        Assert.Equal(["<b>html</b>"], await Names("</b>"));
        Assert.Equal(["Release-BUILD"], await Names("build"));
        Assert.Equal(["ci-deploy", "deplo"], await Names("epl"));
        Assert.Empty(await Names("deployment"));
    }

    [Fact]
    public async Task TheOwnersUsernameAnywhereFindsTheirTokens()
    {
        var bob = await _harness.CreateUserAsync("build-bob");
        await AppToken("alpha");
        await AppToken("beta");
        await AppToken("gamma", bob.Id);
        await _harness.CreateOboTokenAsync(_harness.AdminActor, userId: bob.Id);

        Assert.Equal(["alpha", "beta"], await Names("admin"));
        Assert.Equal(["alpha", "beta"], await Names("DMI"));
        Assert.Equal(["gamma"], await Names("bob"));
        Assert.Equal(["-"], await Names("d-b", TokenFamily.User));
    }

    [Fact]
    public async Task WildcardsAndQuotesAreTakenLiterally()
    {
        foreach (var name in new[] { "up-50%-off", "500 off", "a_c", "abc", "say \"hi\"" }) await AppToken(name);

        Assert.Equal(["up-50%-off"], await Names("50%"));
        Assert.Equal(["a_c"], await Names("a_c"));
        Assert.Equal(["say \"hi\""], await Names("\"hi\""));
        Assert.Empty(await Names("%%%"));
    }

    [Fact]
    public async Task ARenamedTokenIsFoundByItsNewNameOnlyAndARevokedOneNotAtAll()
    {
        var renamed = await AppToken("nightly-backup");
        var revoked = await AppToken("nightly-report");
        await AppToken("unnamed-later");

        Assert.True((await Tokens.ChangeAsync(_harness.AdminActor, TokenFamily.App, renamed.Accessor, new ChangeTokenRequest(Name: "weekly-backup", SetName: true))).Succeeded);
        Assert.True((await Tokens.DeleteAsync(_harness.AdminActor, TokenFamily.App, revoked.Accessor)).Succeeded);

        Assert.Empty(await Names("nightly"));
        Assert.Equal(["weekly-backup"], await Names("backup"));
    }

    [Fact]
    public async Task OneOrTwoCharactersMatchTheStartOfANameOrUsername()
    {
        var zed = await _harness.CreateUserAsync("zed");
        foreach (var name in new[] { "ci-deploy", "deploy-ci", "zeta" }) await AppToken(name);
        await AppToken("omega", zed.Id);

        Assert.Equal(["ci-deploy"], await Names("CI"));
        Assert.Equal(["omega", "zeta"], await Names("ze"));
        Assert.Empty(await Names("et"));
    }
}

public sealed class TokenTextSearchTestsOnSqlite() : TokenTextSearchTests(Engine.Sqlite);

public sealed class TokenTextSearchTestsOnPostgres() : TokenTextSearchTests(Engine.Postgres);
