using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Services;

/// <summary>The grid's search box, "Search name, owner, hint": text anywhere in a name or an owner's username, any case.</summary>
public abstract class TokenTextSearchTests(Engine engine) : IAsyncLifetime
{
    protected ServiceHarness Harness { get; } = new(engine);
    private TokenService Tokens => Harness.Get<TokenService>();

    public Task InitializeAsync() => Harness.InitializeAsync();
    public Task DisposeAsync() => Harness.DisposeAsync();

    private async Task<TokenView> AppToken(string? name, string? userId = null)
    {
        var created = await Tokens.CreateAppTokenAsync(Harness.AdminActor, new CreateTokenRequest(userId, name));
        Assert.True(created.Succeeded, created.Error?.Describe());
        return created.Value!.Token;
    }

    private async Task<string[]> Names(string text, TokenFamily family = TokenFamily.App) =>
        (await Harness.Get<TokenQueries>().ListAsync(Harness.AdminActor, new TokenQuery(family, Text: text, Sort: TokenSort.Name, Descending: false)))
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
        var bob = await Harness.CreateUserAsync("build-bob");
        await AppToken("alpha");
        await AppToken("beta");
        await AppToken("gamma", bob.Id);
        await Harness.CreateOboTokenAsync(Harness.AdminActor, userId: bob.Id);

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

        Assert.True((await Tokens.ChangeAsync(Harness.AdminActor, TokenFamily.App, renamed.Accessor, new ChangeTokenRequest(Name: "weekly-backup", SetName: true))).Succeeded);
        Assert.True((await Tokens.DeleteAsync(Harness.AdminActor, TokenFamily.App, revoked.Accessor)).Succeeded);

        Assert.Empty(await Names("nightly"));
        Assert.Equal(["weekly-backup"], await Names("backup"));
    }

    [Fact]
    public async Task OneOrTwoCharactersMatchTheStartOfANameOrUsername()
    {
        var zed = await Harness.CreateUserAsync("zed");
        foreach (var name in new[] { "ci-deploy", "deploy-ci", "zeta" }) await AppToken(name);
        await AppToken("omega", zed.Id);

        Assert.Equal(["ci-deploy"], await Names("CI"));
        Assert.Equal(["omega", "zeta"], await Names("ze"));
        Assert.Empty(await Names("et"));
    }
}

public sealed class TokenTextSearchTestsOnSqlite() : TokenTextSearchTests(Engine.Sqlite)
{
    [Fact]
    public async Task AnOwnerOfMoreTokensThanTheGridCountsListsTheirNewestAndSaysMoreThan()
    {
        var bob = await Harness.CreateUserAsync("bob");
        await Harness.SeedAppTokensAsync(TokenQueries.GridCountLimit + 1, TimeSpan.FromDays(1));
        Harness.Time.Advance(TimeSpan.FromMinutes(1));
        var newest = await Harness.CreateAppTokenAsync(Harness.AdminActor);
        await Harness.CreateAppTokenAsync(ServiceHarness.ActorFor(bob));

        var page = (await Harness.Get<TokenQueries>().ListAsync(Harness.AdminActor,
            new TokenQuery(TokenFamily.App, Text: "dmi", PerPage: 10, CountLimit: TokenQueries.GridCountLimit))).Value!;

        Assert.Equal((TokenQueries.GridCountLimit, false), (page.Total, page.TotalIsExact));
        Assert.Equal(newest.Token.Accessor, page.Items[0].Accessor);
        Assert.All(page.Items, t => Assert.Equal("admin", t.UserName));
        Assert.Equal(10, page.Items.Count);
    }
}

public sealed class TokenTextSearchTestsOnPostgres() : TokenTextSearchTests(Engine.Postgres);
