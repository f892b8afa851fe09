using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>A change made anywhere shows in every open page within a second, without a reload: the server pushes it.</summary>
[Collection(PortalCollection.Name)]
public sealed class LiveGridTests(PortalFixture fixture) : PortalTest(fixture)
{
    // A pushed change reaches the page in milliseconds; the budget leaves room for a loaded test machine and stays under
    // the five seconds an open page used to wait for its next poll. The one-second figure is a user's, not a timer's.
    private const float Budget = 3000;

    [Fact]
    public async Task ATokenCreatedExpiredAndRevokedThroughTheApiShowsInAnOpenGridWithoutAReload()
    {
        using var api = await AdminApi.CreateAsync(Fixture.Server);
        var page = await Fixture.NewAdminPageAsync();
        var tokens = TokensPage.AppTokens(page);
        await tokens.GotoAsync();
        var name = $"live-{Guid.NewGuid():N}"[..14];
        // The grid has made its first load (it lists the script's own token) before anything changes.
        await Assertions.Expect(tokens.Row("script").First).ToBeVisibleAsync();
        await Assertions.Expect(tokens.Row(name)).ToHaveCountAsync(0);

        var item = await api.CreateAppTokenAsync(name);
        await Assertions.Expect(tokens.Row(name)).ToContainTextAsync("active", new() { Timeout = Budget });

        await api.ExpireAsync(item);
        await Assertions.Expect(tokens.Row(name)).ToContainTextAsync("expired", new() { Timeout = Budget });

        await api.DeleteAsync(item);
        await Assertions.Expect(tokens.Row(name)).ToHaveCountAsync(0, new() { Timeout = Budget });
    }

    [Fact]
    public async Task ATokenCreatedInOnePageShowsInAnotherAdministratorsGridAndAuditLogWithoutAReload()
    {
        var (mine, theirs, auditing) = (await Fixture.NewAdminPageAsync(), await Fixture.NewAdminPageAsync(), await Fixture.NewAdminPageAsync());
        var (myTokens, theirTokens) = (TokensPage.AppTokens(mine), TokensPage.AppTokens(theirs));
        await myTokens.GotoAsync();
        await theirTokens.GotoAsync();
        var audit = new PortalShell(auditing);
        await audit.WaitUntilInteractiveAsync();
        await audit.OpenAsync("Audit log");
        var name = $"peer-{Guid.NewGuid():N}"[..14];

        await myTokens.CreateAsync(name);

        await Assertions.Expect(theirTokens.Row(name)).ToContainTextAsync("active", new() { Timeout = Budget });
        await Assertions.Expect(auditing.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { HasText = name }))
            .ToContainTextAsync("app_token.created", new() { Timeout = Budget });
    }
}
